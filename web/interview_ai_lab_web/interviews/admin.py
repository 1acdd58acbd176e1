"""Django admin: users (built in), organisations and their members, positions, interviews and invitations.

Interviews and invitations are read-mostly: their deletes go through :mod:`interviews.privacy`.
"""

from django.contrib import admin

from .models import (
    AuditEvent,
    Interview,
    Invitation,
    Membership,
    Organisation,
    Position,
    PositionRubric,
    ReportVersion,
    RubricVersion,
    Take,
)


class MembershipInline(admin.TabularInline):
    """An organisation's members and their roles, editable on its page."""

    model = Membership
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Organisations and their members (admin, recruiter, reviewer)."""

    list_display = ["name", "created_at"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Every membership: who belongs to which organisation, with which role."""

    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "organisation__name"]


class ReadOnlyInline(admin.TabularInline):
    """A table of rows shown, never added, changed or deleted from the admin: every field of ``fields`` read-only."""

    extra = 0
    can_delete = False
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        """Every field shown (``fields``)."""
        return self.fields


class DeleteThroughPrivacy:
    """An admin whose deletes go through :mod:`interviews.privacy` (files removed, audited ``via: admin``).

    ``privacy_delete`` names the function of :mod:`interviews.privacy` that deletes one object.
    """

    privacy_delete: str

    def _delete(self, request, obj) -> None:
        """Delete ``obj`` through privacy's function, as the signed-in user."""
        from . import privacy

        getattr(privacy, self.privacy_delete)(obj, user=request.user, details={"via": "admin"})

    def delete_model(self, request, obj):
        """Delete one object (its change page's delete)."""
        self._delete(request, obj)

    def delete_queryset(self, request, queryset):
        """Delete each selected object, one at a time (the list's delete action)."""
        for obj in list(queryset):
            self._delete(request, obj)


class PositionRubricInline(ReadOnlyInline):
    """The versions of a position's rubrics (edited through the API and the app)."""

    model = PositionRubric
    fields = ["question_index", "version", "source", "created_by", "created_at"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    """Positions: their settings and reviewers, with their rubrics' versions."""

    list_display = ["title", "organisation", "mode", "language", "created_at"]
    list_filter = ["organisation", "mode"]
    search_fields = ["title", "organisation__name"]
    filter_horizontal = ["reviewers"]
    inlines = [PositionRubricInline]


class ReportVersionInline(ReadOnlyInline):
    """An interview's kept reports: version, date, recording and analysis durations (seconds)."""

    model = ReportVersion
    fields = ["version", "created_at", "duration_sec", "analysis_sec"]


class RubricVersionInline(ReadOnlyInline):
    """The versions of an interview's own rubrics."""

    model = RubricVersion
    fields = ["question_index", "version", "source", "created_by", "created_at"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail: read-only (nobody edits or deletes history from the admin)."""

    list_display = ["created_at", "actor_username", "action", "interview_id"]
    list_filter = ["action", "created_at"]
    search_fields = ["actor_username", "interview_id"]
    readonly_fields = ["created_at", "actor", "actor_username", "action", "interview_id", "details"]

    def has_add_permission(self, request):
        """Never: audit events are recorded by the app."""
        return False

    def has_change_permission(self, request, obj=None):
        """Never: history is not edited."""
        return False

    def has_delete_permission(self, request, obj=None):
        """Never: history is not deleted from the admin."""
        return False


@admin.register(Interview)
class InterviewAdmin(DeleteThroughPrivacy, admin.ModelAdmin):
    """Interviews: their analysis state read-only, with report and rubric versions; a delete erases every file."""

    privacy_delete = "delete_interview"
    list_display = ["candidate_name", "owner", "organisation", "position", "status", "mode", "language", "duration_sec",
                    "created_at"]
    list_filter = ["status", "mode", "language", "organisation", "created_at"]
    search_fields = ["candidate_name", "owner__username", "id"]
    readonly_fields = ["id", "video", "original_filename", "video_size", "media_info", "status", "progress", "error",
                       "report_version", "duration_sec", "analysis_sec", "options", "job_id", "task_id", "attempts",
                       "worker", "created_at", "updated_at", "queued_at", "started_at", "finished_at", "heartbeat_at",
                       "consent", "consent_at", "consent_text", "consent_version", "blur_status", "blur_error",
                       "blur_requested_at", "blur_finished_at"]
    exclude = ["report"]
    inlines = [ReportVersionInline, RubricVersionInline]


class TakeInline(ReadOnlyInline):
    """An invitation's takes: state, duration (seconds), whether chosen, bytes received of those announced."""

    model = Take
    fields = ["question_index", "number", "state", "error", "duration_sec", "chosen", "upload_offset", "upload_length",
              "created_at", "completed_at"]


@admin.register(Invitation)
class InvitationAdmin(DeleteThroughPrivacy, admin.ModelAdmin):
    """Invitations to record a position's one-way interview, read-only: they change through the API and the app.

    A delete erases the recordings and the interview made of them, audited.
    """

    privacy_delete = "delete_invitation"
    list_display = ["candidate_name", "position", "language", "state", "deadline", "created_at"]
    list_filter = ["language", "position__organisation", "created_at"]
    search_fields = ["candidate_name", "email", "position__title"]
    readonly_fields = ["id", "position", "candidate_name", "email", "language", "deadline", "state", "created_by",
                       "created_at", "link_made_at", "email_sent_at", "email_count", "opened_at", "consent_at",
                       "consent_text", "consent_version", "submitted_at", "revoked_at", "revoked_by", "interview",
                       "assembly_error", "assembly_attempts"]
    exclude = ["token_hash", "assembly_queued_at"]
    inlines = [TakeInline]

    def has_add_permission(self, request):
        """Never: an invitation is made through the API, which makes its link."""
        return False
