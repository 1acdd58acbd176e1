"""Django admin: users (built in) and interviews, read-mostly."""

from django.contrib import admin

from .models import Interview, ReportVersion


class ReportVersionInline(admin.TabularInline):
    model = ReportVersion
    fields = ["version", "created_at", "duration_sec", "analysis_sec"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["candidate_name", "owner", "status", "mode", "language", "duration_sec", "created_at"]
    list_filter = ["status", "mode", "language", "created_at"]
    search_fields = ["candidate_name", "owner__username", "id"]
    readonly_fields = ["id", "video", "original_filename", "video_size", "media_info", "status", "progress", "error",
                       "report_version", "duration_sec", "analysis_sec", "options", "job_id", "task_id", "attempts",
                       "worker", "created_at", "updated_at", "queued_at", "started_at", "finished_at", "heartbeat_at"]
    exclude = ["report"]
    inlines = [ReportVersionInline]

    def delete_model(self, request, obj):
        from .services import remove_interview_files

        super().delete_model(request, obj)
        remove_interview_files(obj)

    def delete_queryset(self, request, queryset):
        from .services import remove_interview_files

        items = list(queryset)
        super().delete_queryset(request, queryset)
        for obj in items:
            remove_interview_files(obj)
