/**
 * GENERATED FILE, DO NOT EDIT: `npm run types:api` writes it from docs/openapi.json (openapi-typescript).
 * Import the API types from ./api and ./positions, which name them for the pages.
 */
export interface paths {
    "/api/auth/csrf/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Sets the ``csrftoken`` cookie and returns the token (send it back as ``X-CSRFToken``). */
        get: operations["auth_csrf_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description Session login for the browser: ``{"username", "password"}`` with the CSRF header → the user.
         *
         *     Failed sign-ins are counted per username and client address, and per address (django-axes); past
         *     either limit the answer is 429 with ``Retry-After``, even for the right password.
         */
        post: operations["auth_login_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description End the browser session (CSRF header required) → 204. */
        post: operations["auth_logout_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The signed-in user (401 when anonymous); also sets the ``csrftoken`` cookie. */
        get: operations["auth_me_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/token/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description The API token of a user: ``{"username", "password"}`` → ``{"token"}``; repeated failures answer 429. */
        post: operations["auth_token_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/candidate/consent/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Record the candidate's consent (the text shown, in the invitation's language, and its version). */
        post: operations["candidate_consent_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/candidate/session/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The candidate's interview: job, privacy notice, settings, questions and their takes, where to resume. */
        get: operations["candidate_session_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/candidate/submit/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Send the answers: the chosen take of each question; the other takes are deleted; nothing changes after. */
        post: operations["candidate_submit_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/candidate/takes/{take_id}/choose/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Send this take (a received one) for its question instead of the others. */
        post: operations["candidate_takes_choose_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/config/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Settings the front end needs: upload limit, modes, defaults. */
        get: operations["config_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interviews/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Interviews the signed-in user sees (their own, their organisations' as their role allows). */
        get: operations["interviews_list"];
        put?: never;
        /**
         * @description Upload an interview's video (multipart).
         *
         *     Fields: ``video``, ``candidate_name``, optional ``language``, ``mode``, ``questions``, ``analyze`` (true:
         *     queue the analysis at once); or ``position`` (its questions, rubrics, weights, mode, language and
         *     retention: those fields are then refused).
         */
        post: operations["interviews_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interviews/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Interviews the signed-in user sees (their own, their organisations' as their role allows). */
        get: operations["interviews_retrieve"];
        put?: never;
        post?: never;
        /**
         * @description Delete the interview and everything of it; the audit trail stays, without personal data.
         *
         *     Everything: the video, the blurred video, the analysis folder, the report versions, the rubrics.
         */
        delete: operations["interviews_destroy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interviews/{id}/analyze/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Queue an analysis → 202; 409 while one is queued or running. A DONE report is kept as a version. */
        post: operations["interviews_analyze_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interviews/{id}/assessment/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * @description Save the deciders' notes and decision (admins and recruiters; ``decided_by``/``decided_at`` on a change).
         *
         *     The notes' earlier text is kept (``assessment_history`` of the interview).
         */
        patch: operations["interviews_assessment_partial_update"];
        trace?: never;
    };
    "/api/interviews/{id}/audit/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The audit trail of this interview, newest first (who viewed or changed what, when). */
        get: operations["interviews_audit_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interviews/{id}/blur/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Make a face-blurred copy of the video (``blur_status`` PENDING → RUNNING → DONE | ERROR) → 202. */
        post: operations["interviews_blur_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interviews/{id}/demographics/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description The candidate's self-declared demographics, for the adverse-impact report only.
         *
         *     GET says only whether they were declared; PUT ``{consent, categories}`` stores them; DELETE erases them.
         */
        get: operations["interviews_demographics_retrieve"];
        /**
         * @description The candidate's self-declared demographics, for the adverse-impact report only.
         *
         *     GET says only whether they were declared; PUT ``{consent, categories}`` stores them; DELETE erases them.
         */
        put: operations["interviews_demographics_update"];
        post?: never;
        /**
         * @description The candidate's self-declared demographics, for the adverse-impact report only.
         *
         *     GET says only whether they were declared; PUT ``{consent, categories}`` stores them; DELETE erases them.
         */
        delete: operations["interviews_demographics_destroy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interviews/{id}/export/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Everything held about this candidate (GDPR access request), as a zip. */
        get: operations["interviews_export_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interviews/{id}/questions/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The interview's questions (1-based ``index``) with their current rubric. */
        get: operations["interviews_questions_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interviews/{id}/questions/{index}/rubric/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description GET the current rubric of question ``index`` (1-based); PUT a new one (a new version, 201). */
        get: operations["interviews_questions_rubric_retrieve"];
        /** @description GET the current rubric of question ``index`` (1-based); PUT a new one (a new version, 201). */
        put: operations["interviews_questions_rubric_update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interviews/{id}/questions/{index}/rubric/versions/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every version of question ``index``'s rubric, newest first. */
        get: operations["interviews_questions_rubric_versions_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interviews/{id}/report/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The report of the last analysis (see ``report.schema.json``); 409 while not DONE. */
        get: operations["interviews_report_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interviews/{id}/reports/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every finished report of this interview, newest first (without their content). */
        get: operations["interviews_reports_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interviews/{id}/reports/{version}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One kept version of the report. */
        get: operations["interviews_reports_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interviews/{id}/scorecard/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The caller's own scorecard (GET; version 0 when none) or a new version of it (PUT), never another's. */
        get: operations["interviews_scorecard_retrieve"];
        /** @description The caller's own scorecard (GET; version 0 when none) or a new version of it (PUT), never another's. */
        put: operations["interviews_scorecard_update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interviews/{id}/scorecards/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The others' latest submitted scorecards and one's own, once visible (independent: submit yours first). */
        get: operations["interviews_scorecards_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/interviews/{id}/video/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description The uploaded video, or with ``?blurred=1`` its face-blurred copy (404 until made).
         *
         *     HTTP Range is supported, so a browser player can seek.
         */
        get: operations["interviews_video_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organisations/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The caller's organisations; their members (admins only). */
        get: operations["organisations_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organisations/{id}/members/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description GET the members; POST ``{username, role}`` adds one (admins only). */
        get: operations["organisations_members_list"];
        put?: never;
        /** @description GET the members; POST ``{username, role}`` adds one (admins only). */
        post: operations["organisations_members_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organisations/{id}/members/{user_id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** @description PATCH ``{role}`` changes a member's role; DELETE removes the member (and from every position's reviewers). */
        delete: operations["organisations_members_destroy"];
        options?: never;
        head?: never;
        /** @description PATCH ``{role}`` changes a member's role; DELETE removes the member (and from every position's reviewers). */
        patch: operations["organisations_members_partial_update"];
        trace?: never;
    };
    "/api/positions/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Positions the caller sees: of the organisations they are admin or recruiter of, or that they review. */
        get: operations["positions_list"];
        put?: never;
        /**
         * @description Create a position (admin or recruiter of ``organisation``).
         *
         *     A rubric is generated for each question unless given.
         */
        post: operations["positions_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/positions/{id}/invitations/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The position's invitations, newest first, with their state and how many questions are answered. */
        get: operations["positions_invitations_list"];
        put?: never;
        /** @description Invite a candidate: the answer holds the link (once), e-mailed when ``send_email`` is true. */
        post: operations["positions_invitations_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/positions/{id}/invitations/{invitation_id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One invitation. */
        get: operations["positions_invitations_retrieve"];
        put?: never;
        post?: never;
        /** @description Delete the invitation and everything recorded with it (its takes, and the interview made of them). */
        delete: operations["positions_invitations_destroy"];
        options?: never;
        head?: never;
        /** @description Change the candidate's name, e-mail, language or the deadline of an invitation not yet submitted. */
        patch: operations["positions_invitations_partial_update"];
        trace?: never;
    };
    "/api/positions/{id}/invitations/{invitation_id}/export/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description Everything held about the invited candidate (GDPR access request), as a zip.
         *
         *     That is the invitation, its recordings and its audit trail (the interview's export once the answers
         *     became one).
         */
        get: operations["positions_invitations_export_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/positions/{id}/invitations/{invitation_id}/link/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A new link for the invitation (the previous one stops working), e-mailed when ``email`` is true. */
        post: operations["positions_invitations_link_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/positions/{id}/invitations/{invitation_id}/revoke/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Revoke the invitation: its link stops working at once (what was recorded stays until deleted). */
        post: operations["positions_invitations_revoke_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/positions/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Positions the caller sees: of the organisations they are admin or recruiter of, or that they review. */
        get: operations["positions_retrieve"];
        put?: never;
        post?: never;
        /** @description Delete a position without interviews or invitations (delete them first: 409 otherwise). */
        delete: operations["positions_destroy"];
        options?: never;
        head?: never;
        /** @description Change the position (admin or recruiter); changed questions get new rubrics; the organisation stays. */
        patch: operations["positions_partial_update"];
        trace?: never;
    };
    "/api/positions/{id}/adverse-impact/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description Scoring and selection rates per self-declared group, impact ratios, four-fifths flags.
         *
         *     For an admin or a recruiter of the position's organisation; every reading is audited.
         */
        get: operations["positions_adverse_impact_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/positions/{id}/comparison/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description The candidates side by side; only complete scores are ranked (1 = best); the others say why.
         *
         *     Each answer shows the people's submitted ratings as the caller may see them (hidden until they submitted
         *     their own scorecard of that interview, when the position asks for independent ratings).
         *     ``?format=csv`` gives the same table as a CSV file (audited as ``comparison_csv``).
         */
        get: operations["positions_comparison_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/positions/{id}/reviewers/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Add a member of the organisation as a reviewer of the position. */
        post: operations["positions_reviewers_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/positions/{id}/reviewers/{username}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** @description Remove a reviewer from the position. */
        delete: operations["positions_reviewers_destroy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/positions/{id}/rubrics/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description GET every version of every question's rubric; POST stores a new version of one.
         *
         *     GET lists them by question, then newest first; POST ``{question_index, rubric}`` stores a new version
         *     (validated; the next analyses use it).
         */
        get: operations["positions_rubrics_list"];
        put?: never;
        /**
         * @description GET every version of every question's rubric; POST stores a new version of one.
         *
         *     GET lists them by question, then newest first; POST ``{question_index, rubric}`` stores a new version
         *     (validated; the next analyses use it).
         */
        post: operations["positions_rubrics_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description * `upload` - Upload
         *     * `view` - View interview
         *     * `view_report` - View report
         *     * `view_video` - View video
         *     * `analyse` - Analyse
         *     * `edit_rubric` - Edit rubric
         *     * `assessment` - Assessment
         *     * `export` - Export (access request)
         *     * `delete` - Delete
         *     * `expire` - Deleted at the end of the retention period
         *     * `blur` - Blur faces
         *     * `login_locked` - Sign-in refused (too many failures)
         *     * `demographics` - Demographics declared or erased
         *     * `view_impact` - View adverse-impact report
         *     * `invite` - Candidate invited (one-way interview)
         *     * `invite_send` - Invitation link made again (and e-mailed)
         *     * `invite_edit` - Invitation changed (deadline, name, e-mail)
         *     * `invite_revoke` - Invitation revoked
         *     * `invite_open` - Invitation link opened by the candidate
         *     * `consent` - Consent given by the candidate
         *     * `take` - Answer recorded by the candidate
         *     * `submit` - Answers sent by the candidate
         *     * `invite_delete` - Invitation and its recordings deleted
         *     * `invite_expire` - Invitation deleted at the end of the retention period
         *     * `scorecard` - Scorecard saved (ratings of one person)
         *     * `comparison_csv` - Candidate comparison downloaded as CSV
         * @enum {string}
         */
        ActionEnum: "upload" | "view" | "view_report" | "view_video" | "analyse" | "edit_rubric" | "assessment" | "export" | "delete" | "expire" | "blur" | "login_locked" | "demographics" | "view_impact" | "invite" | "invite_send" | "invite_edit" | "invite_revoke" | "invite_open" | "consent" | "take" | "submit" | "invite_delete" | "invite_expire" | "scorecard" | "comparison_csv";
        /** @description Scoring and selection rates per self-declared group, their impact ratios and the four-fifths flag. */
        AdverseImpact: {
            /** Format: uuid */
            position: string;
            method: string;
            min_group_size: number;
            /** Format: double */
            median_total: number | null;
            candidates: number;
            categories: components["schemas"]["_ImpactCategory"][];
        };
        /** @description Optional options of a new analysis (the interview's stored ones otherwise). */
        AnalyzeRequest: {
            language?: components["schemas"]["LanguageEnum"];
            mode?: components["schemas"]["ModeEnum"];
            questions?: {
                text: string;
                start?: number;
            }[] | null;
            /**
             * @description recompute every stage (else unchanged stages are reused)
             * @default false
             */
            force: boolean;
        };
        /**
         * @description The deciders' notes (``assessment``, text) and ``decision`` ("" | advance | hold | reject).
         *
         *     ``decided_by``/``decided_at`` change only when the decision does; ``assessment_by``/``assessment_at``
         *     say who wrote the current notes, and when.
         */
        Assessment: {
            /** @description the recruiter's notes */
            assessment?: string;
            decision?: components["schemas"]["DecisionEnum"] | components["schemas"]["BlankEnum"];
            /** @description Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only. */
            readonly decided_by: string | null;
            /** Format: date-time */
            readonly decided_at: string | null;
            /** @description Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only. */
            readonly assessment_by: string | null;
            /** Format: date-time */
            readonly assessment_at: string | null;
        };
        /** @description An earlier version of the interview's notes: who wrote it (null: unknown), the text, when. */
        AssessmentNote: {
            /** @description Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only. */
            readonly author: string | null;
            readonly text: string;
            /** Format: date-time */
            readonly created_at: string;
        };
        /** @description One entry of the audit trail. */
        AuditEvent: {
            readonly id: number;
            /** Format: date-time */
            readonly created_at: string;
            /** @description username; empty: the system */
            readonly actor: string;
            readonly action: components["schemas"]["ActionEnum"];
            /** Format: uuid */
            readonly interview_id: string | null;
            readonly details: unknown;
        };
        AuthToken: {
            token: string;
        };
        AuthTokenRequest: {
            username: string;
            password: string;
        };
        /** @enum {unknown} */
        BlankEnum: "";
        /**
         * @description * `PENDING` - Pending
         *     * `RUNNING` - Running
         *     * `DONE` - Done
         *     * `ERROR` - Error
         * @enum {string}
         */
        BlurStatusEnum: "PENDING" | "RUNNING" | "DONE" | "ERROR";
        /** @description The privacy notice in the invitation's language, its version, when it was agreed to, how long data is kept. */
        CandidateConsent: {
            text: string;
            version: string;
            /** Format: date-time */
            given_at: string | null;
            /** @description 0: kept until deleted */
            retention_days: number;
        };
        /**
         * @description * `fr` - French
         *     * `en` - English
         * @enum {string}
         */
        CandidateLanguageEnum: "fr" | "en";
        /** @description The job the candidate is invited for: title, description and the organisation's name. */
        CandidatePosition: {
            title: string;
            description: string;
            organisation: string;
        };
        /** @description A question of the candidate page (1-based ``index``), where it stands and its takes (given-up ones left out). */
        CandidateQuestion: {
            index: number;
            text: string;
            /**
             * @description open: to answer; answered: a take received; failed: every take failed
             *
             *     * `open` - Open
             *     * `answered` - Answered
             *     * `failed` - Every take failed
             */
            status: components["schemas"]["QuestionStatusEnum"];
            takes_used: number;
            /** @description null: unlimited */
            takes_left: number | null;
            takes: components["schemas"]["CandidateTake"][];
        };
        /** @description Why the candidate cannot do this now: a readable ``detail``, a stable ``code`` and the values it names. */
        CandidateRefusal: {
            detail: string;
            /** @description submitted, consent_required, no_question, no_take_left, too_large, not_usable, unanswered, uploading */
            code: string;
            params: {
                [key: string]: unknown;
            };
        };
        /** @description What the candidate page shows: the job, the privacy notice, the settings, the questions and their takes. */
        CandidateSession: {
            state: components["schemas"]["InvitationStateEnum"];
            language: components["schemas"]["CandidateLanguageEnum"];
            candidate_name: string;
            /** Format: date-time */
            deadline: string;
            position: components["schemas"]["CandidatePosition"];
            consent: components["schemas"]["CandidateConsent"];
            settings: components["schemas"]["CandidateSettings"];
            questions: components["schemas"]["CandidateQuestion"][];
            /** @description the first question still open */
            next_question: number | null;
            answered: number;
            /** Format: date-time */
            submitted_at: string | null;
        };
        /** @description The position's recording settings: reading and answer times (seconds), takes, practice question, size (MB). */
        CandidateSettings: {
            /** @description null: unlimited; 0: none */
            think_time_sec: number | null;
            answer_time_sec: number;
            /** @description null: unlimited */
            takes: number | null;
            practice_question: string;
            max_take_mb: number;
        };
        /** @description One recording of an answer, as the candidate page shows it: its state and how much of it has arrived (bytes). */
        CandidateTake: {
            /** Format: uuid */
            id: string;
            number: number;
            state: components["schemas"]["TakeStateEnum"];
            error: string;
            /** Format: double */
            duration_sec: number | null;
            chosen: boolean;
            upload_offset: number;
            upload_length: number;
        };
        /** @description People's ratings of one answer in the comparison (hidden: ``visible`` false, no people, no mean). */
        CellRatings: {
            visible: boolean;
            /** @description submitted ratings of this answer */
            count: number;
            /** Format: double */
            mean: number | null;
            /**
             * Format: double
             * @description population standard deviation
             */
            spread: number | null;
            /**
             * Format: double
             * @description max - min
             */
            range: number | null;
            people: components["schemas"]["_PersonRating"][];
            /**
             * Format: double
             * @description the rubric coverage mapped onto the scale
             */
            automatic: number | null;
            flags: components["schemas"]["FlagsEnum"][];
        };
        /** @description The candidates of a position side by side (scores assist and never decide: see ``disclaimer``). */
        Comparison: {
            /** Format: uuid */
            position: string;
            disclaimer: string;
            questions: components["schemas"]["_QuestionRef"][];
            rubric_versions: {
                [key: string]: number;
            };
            /** Format: double */
            median_total: number | null;
            /** @description the position's rating scale (team review) */
            scale: components["schemas"]["RatingScale"];
            rows: components["schemas"]["_Row"][];
        };
        Config: {
            upload_max_mb: number;
            max_video_sec: number;
            default_mode: string;
            allowed_modes: string[];
            languages: string[];
            consent_required: boolean;
            consent_text: string;
            consent_texts: {
                [key: string]: string;
            };
            consent_version: string;
            retention_days: number;
            demographic_categories: {
                [key: string]: string[];
            };
            impact_min_group: number;
        };
        /** @description One criterion of the question's rubric (its id) rated on the scale. */
        CriterionRating: {
            criterion: string;
            rating: number;
        };
        /** @description One criterion of the question's rubric (its id) rated on the scale. */
        CriterionRatingRequest: {
            criterion: string;
            rating: number;
        };
        /** @description A criterion of a question's current rubric. */
        CriterionRef: {
            id: string;
            label: string;
        };
        Csrf: {
            csrfToken: string;
        };
        /**
         * @description * `` - None yet
         *     * `advance` - Advance
         *     * `hold` - Hold
         *     * `reject` - Reject
         * @enum {string}
         */
        DecisionEnum: "advance" | "hold" | "reject";
        /** @description The candidate's own declaration: ``consent`` (a separate one) and ``categories`` (values or ""). */
        DemographicsInputRequest: {
            consent: boolean;
            categories?: {
                [key: string]: string;
            };
        };
        /** @description Whether the candidate declared demographics, and when they consented; never the values. */
        DemographicsStatus: {
            declared: boolean;
            /** Format: date-time */
            consent_at: string | null;
        };
        /** @description A moment of the video (seconds) that supports the rating, with a short note. */
        Evidence: {
            /** Format: double */
            time: number;
            /** @default  */
            note: string;
        };
        /** @description A moment of the video (seconds) that supports the rating, with a short note. */
        EvidenceRequest: {
            /** Format: double */
            time: number;
            /** @default  */
            note: string;
        };
        /** @description A question of an invitation whose every take failed, and why the last one did. */
        FailedAnswer: {
            question_index: number;
            /** @description why its last take failed: not_a_video, no_streams, too_long, empty, unsupported_type */
            error: string;
        };
        /**
         * @description * `people_disagree` - people_disagree
         *     * `people_vs_automatic` - people_vs_automatic
         * @enum {string}
         */
        FlagsEnum: "people_disagree" | "people_vs_automatic";
        /**
         * @description * `submit_first` - Submit your own scorecard first
         * @enum {string}
         */
        HiddenReasonEnum: "submit_first";
        /** @description Why a report's scores are incomplete: one reason per part that could not be measured. */
        Incomplete: {
            reasons: components["schemas"]["IncompleteReason"][];
        };
        /** @description Why one part of a score was not measured (a reason code with its parameters). */
        IncompleteReason: {
            part: components["schemas"]["ScorePartEnum"];
            /** @description no_audio_track | no_speech | no_video_stream | no_face | face_too_rarely_visible | not_measured */
            code: string;
            params: {
                [key: string]: unknown;
            };
        };
        /** @description Upload: ``video`` (file), ``candidate_name``, optional ``language``, ``mode``, ``questions``. */
        InterviewCreateRequest: {
            candidate_name: string;
            /**
             * Format: binary
             * @description the interview video (mp4, mov, mkv, webm…); checked with ffprobe
             */
            video: string;
            /** @default auto */
            language: components["schemas"]["LanguageEnum"];
            /**
             * @description default: the deployment's IAL_ANALYSIS_MODE (recruitment)
             *
             *     * `recruitment` - Recruitment (no emotion inference)
             *     * `coaching` - Coaching (everything, emotions included)
             */
            mode?: components["schemas"]["ModeEnum"];
            /** @description JSON list [{"text": "...", "start": seconds?}] */
            questions?: {
                text: string;
                start?: number;
            }[] | null;
            /**
             * @description queue the analysis at once (as POST …/analyze/ would)
             * @default false
             */
            analyze: boolean;
            /**
             * @description the candidate agreed to the analysis (required: true)
             * @default false
             */
            consent: boolean;
            /** @description the consent text shown (default: the server's, see /api/config/) */
            consent_text?: string;
            consent_version?: string;
            /**
             * @description the language the candidate read the consent text in (default: the interview's language, else English); the server's text in that language is stored
             *
             *     * `fr` - French
             *     * `en` - English
             */
            consent_language?: components["schemas"]["CandidateLanguageEnum"];
            /**
             * Format: uuid
             * @description upload to this position: its questions, rubrics, weights, mode, language and retention are used (those fields are then refused)
             */
            position?: string | null;
        };
        /** @description One interview: state of its analysis, options, media facts, report versions (not the report). */
        InterviewDetail: {
            /** Format: uuid */
            readonly id: string;
            readonly candidate_name: string;
            readonly status: components["schemas"]["BlurStatusEnum"];
            readonly progress: components["schemas"]["Progress"];
            /** @description why the last analysis failed, in English, without internal file names or server paths (the details are in the server log) */
            readonly error: string;
            /** @description stable code of the failure, '' when none: not_a_video, video_truncated, no_streams, video_missing, time_limit, killed, interrupted, queue_unavailable, report_unreadable, model_missing, dependency_missing, internal_error, failed */
            readonly error_code: string;
            /** @description values the translated reason needs, e.g. {seconds} */
            readonly error_params: {
                [key: string]: unknown;
            };
            /** @description an analysis is queued or running */
            readonly job_active: boolean;
            readonly language: components["schemas"]["LanguageEnum"];
            readonly mode: components["schemas"]["ModeEnum"];
            /**
             * Format: double
             * @description length of the video, seconds
             */
            readonly duration_sec: number | null;
            /** @description report.scores when DONE, else null */
            readonly scores: components["schemas"]["ReportScores"] | null;
            /** @description number of the report in `report` */
            readonly report_version: number;
            /** Format: date-time */
            readonly created_at: string;
            /** Format: date-time */
            readonly started_at: string | null;
            /** Format: date-time */
            readonly finished_at: string | null;
            /** Format: uuid */
            readonly position: string | null;
            readonly questions: {
                text: string;
                start?: number;
            }[] | null;
            /** @description options of the last queued analysis */
            readonly options: unknown;
            /** @description client file name, for display only */
            readonly original_filename: string;
            /** @description bytes */
            readonly video_size: number | null;
            /** @description facts probed at upload (duration, streams…) */
            readonly media_info: unknown;
            /**
             * Format: double
             * @description wall time of the last analysis, seconds
             */
            readonly analysis_sec: number | null;
            /** @description runs started for the current job */
            readonly attempts: number;
            /** Format: date-time */
            readonly queued_at: string | null;
            /** Format: date-time */
            readonly updated_at: string;
            readonly report_versions: components["schemas"]["ReportVersion"][];
            /** @description The URL of the uploaded video (it answers HTTP Range requests, so a player can seek). */
            readonly video_url: string;
            /** @description The URL of the report once the analysis is DONE, else null. */
            readonly report_url: string | null;
            /** @description the recruiter's notes */
            readonly assessment: string;
            readonly decision: components["schemas"]["DecisionEnum"] | components["schemas"]["BlankEnum"];
            /** @description Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only. */
            readonly decided_by: string | null;
            /** Format: date-time */
            readonly decided_at: string | null;
            /** @description who wrote the current notes */
            readonly assessment_by: string | null;
            /** Format: date-time */
            readonly assessment_at: string | null;
            /** @description the earlier versions of the notes, newest first (editors only: [] for the others) */
            readonly assessment_history: components["schemas"]["AssessmentNote"][];
            /** @description the candidate agreed to the analysis */
            readonly consent: boolean;
            /**
             * Format: date-time
             * @description when the consent was recorded (upload)
             */
            readonly consent_at: string | null;
            /** @description version of that text */
            readonly consent_version: string;
            /** @description language of the consent text the candidate agreed to (fr | en; '' for a text of the client's own) */
            readonly consent_language: string;
            /**
             * Format: date-time
             * @description when the retention period deletes it (null: never)
             */
            readonly expires_at: string | null;
            readonly blur_status: components["schemas"]["BlurStatusEnum"] | components["schemas"]["BlankEnum"];
            /** @description why the blurring failed, without internal names */
            readonly blur_error: string;
            /** @description stable code of the blurring failure ('' when none) */
            readonly blur_error_code: string;
            /** Format: date-time */
            readonly blur_requested_at: string | null;
            /** Format: date-time */
            readonly blur_finished_at: string | null;
            /** @description the face-blurred copy, once blur_status is DONE */
            readonly blurred_video_url: string | null;
            /** @description the rubric version per question (the position's, for an interview of a position) that scored the current report ({"1": 3}); null before analysis */
            readonly rubric_versions: {
                [key: string]: number;
            } | null;
        };
        /** @description An interview in a list: no report, its scores only. */
        InterviewList: {
            /** Format: uuid */
            readonly id: string;
            readonly candidate_name: string;
            readonly status: components["schemas"]["BlurStatusEnum"];
            readonly progress: components["schemas"]["Progress"];
            /** @description why the last analysis failed, in English, without internal file names or server paths (the details are in the server log) */
            readonly error: string;
            /** @description stable code of the failure, '' when none: not_a_video, video_truncated, no_streams, video_missing, time_limit, killed, interrupted, queue_unavailable, report_unreadable, model_missing, dependency_missing, internal_error, failed */
            readonly error_code: string;
            /** @description values the translated reason needs, e.g. {seconds} */
            readonly error_params: {
                [key: string]: unknown;
            };
            /** @description an analysis is queued or running */
            readonly job_active: boolean;
            readonly language: components["schemas"]["LanguageEnum"];
            readonly mode: components["schemas"]["ModeEnum"];
            /**
             * Format: double
             * @description length of the video, seconds
             */
            readonly duration_sec: number | null;
            /** @description report.scores when DONE, else null */
            readonly scores: components["schemas"]["ReportScores"] | null;
            /** @description number of the report in `report` */
            readonly report_version: number;
            /** Format: date-time */
            readonly created_at: string;
            /** Format: date-time */
            readonly started_at: string | null;
            /** Format: date-time */
            readonly finished_at: string | null;
            /** Format: uuid */
            readonly position: string | null;
        };
        /** @description An invitation as its position's recruiters see it (the link itself is only in the answer that makes it). */
        Invitation: {
            /** Format: uuid */
            readonly id: string;
            /** Format: uuid */
            readonly position: string;
            candidate_name: string;
            /** @description where the link is e-mailed ('' : copied by hand) */
            email?: string;
            language?: components["schemas"]["CandidateLanguageEnum"];
            /**
             * Format: date-time
             * @description the link works until then
             */
            deadline: string;
            /**
             * @description sent, opened, in_progress, submitted, expired, revoked
             *
             *     * `sent` - Sent
             *     * `opened` - Opened
             *     * `in_progress` - In progress
             *     * `submitted` - Submitted
             *     * `expired` - Expired
             *     * `revoked` - Revoked
             */
            readonly state: components["schemas"]["InvitationStateEnum"];
            /** @description questions answered so far (k of `questions`) */
            readonly answered: number;
            /** @description questions of the position (n) */
            readonly questions: number;
            /** @description questions whose every take failed */
            readonly failed_answers: components["schemas"]["FailedAnswer"][];
            /** @description Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only. */
            readonly created_by: string | null;
            /** Format: date-time */
            readonly created_at: string;
            /**
             * Format: date-time
             * @description when the current link was made
             */
            readonly link_made_at: string;
            /** Format: date-time */
            readonly email_sent_at: string | null;
            readonly email_count: number;
            /** Format: date-time */
            readonly opened_at: string | null;
            /** Format: date-time */
            readonly consent_at: string | null;
            /** Format: date-time */
            readonly submitted_at: string | null;
            /** Format: date-time */
            readonly revoked_at: string | null;
            /**
             * Format: uuid
             * @description the interview made of the answers, once submitted and put together
             */
            readonly interview: string | null;
            /** @description why the answers could not be put together */
            readonly assembly_error: string;
        };
        /** @description A new invitation (or the fields a recruiter changes on one). */
        InvitationInputRequest: {
            candidate_name: string;
            email?: string;
            /**
             * @description the candidate page's and the e-mail's language
             *
             *     * `fr` - French
             *     * `en` - English
             * @default fr
             */
            language: components["schemas"]["CandidateLanguageEnum"];
            /**
             * Format: date-time
             * @description default: in IAL_INVITATION_DAYS days
             */
            deadline?: string;
            /**
             * @description e-mail the link to `email` now
             * @default false
             */
            send_email: boolean;
        };
        /** @description The invitation with its link: the only answer that carries it (only the token's hash is kept). */
        InvitationLink: {
            invitation: components["schemas"]["Invitation"];
            /**
             * Format: uri
             * @description the candidate's link; making it again (POST …/link/) ends this one
             */
            link: string;
            /** @description the link was e-mailed to the candidate */
            emailed: boolean;
            /** @description why the e-mail could not be sent ('' : sent or not asked) */
            email_error: string;
        };
        /**
         * @description * `sent` - Sent
         *     * `opened` - Opened
         *     * `in_progress` - In progress
         *     * `submitted` - Submitted
         *     * `expired` - Expired
         *     * `revoked` - Revoked
         * @enum {string}
         */
        InvitationStateEnum: "sent" | "opened" | "in_progress" | "submitted" | "expired" | "revoked";
        /**
         * @description * `auto` - Detect
         *     * `fr` - French
         *     * `en` - English
         * @enum {string}
         */
        LanguageEnum: "auto" | "fr" | "en";
        /** @description A forged or unknown link (``code`` invalid), or a path that names nothing (``detail`` only). */
        LinkNotFound: {
            detail: string;
            code?: components["schemas"]["LinkRefusalEnum"];
            language?: string;
        };
        /**
         * @description * `invalid` - Forged or unknown
         *     * `expired` - Past its deadline
         *     * `revoked` - Revoked
         * @enum {string}
         */
        LinkRefusalEnum: "invalid" | "expired" | "revoked";
        /** @description A link that opens nothing (404: unknown; 410: expired or revoked): a code and the language to say it in. */
        LinkRefused: {
            detail: string;
            code: components["schemas"]["LinkRefusalEnum"];
            /** @description the invitation's language ('' for a forged link) */
            language: string;
        };
        /** @description A request for a new link (the old one stops working), e-mailed to the candidate or not. */
        LinkRequestRequest: {
            /**
             * @description e-mail the new link to the candidate
             * @default false
             */
            email: boolean;
        };
        LockedOut: {
            detail: string;
        };
        /** @description A sign-in: username and password. */
        LoginRequest: {
            username: string;
            password: string;
        };
        /** @description What could be measured of a score: the points earned out of the points measured, and which parts. */
        Measured: {
            /** Format: double */
            points: number;
            /** Format: double */
            out_of: number;
            parts: components["schemas"]["ScorePartEnum"][];
        };
        /** @description A member of an organisation: ``{user_id, username, role}`` (``username`` and ``role`` when adding). */
        Member: {
            readonly user_id: number;
            username: string;
            role: components["schemas"]["RoleEnum"];
        };
        /** @description A member of an organisation: ``{user_id, username, role}`` (``username`` and ``role`` when adding). */
        MemberRequest: {
            username: string;
            role: components["schemas"]["RoleEnum"];
        };
        /**
         * @description * `recruitment` - Recruitment (no emotion inference)
         *     * `coaching` - Coaching (everything, emotions included)
         * @enum {string}
         */
        ModeEnum: "recruitment" | "coaching";
        /** @enum {unknown} */
        NullEnum: null;
        /** @description One of the caller's memberships: the organisation and the caller's role in it. */
        Organisation: {
            /** Format: uuid */
            readonly id: string;
            readonly name: string;
            readonly role: components["schemas"]["RoleEnum"];
        };
        /** @description The caller's own scorecard with the scale and the questions the form needs. */
        OwnScorecard: {
            reviewer: components["schemas"]["Reviewer"];
            role: components["schemas"]["RoleEnum"];
            version: number;
            submitted: boolean;
            /** Format: date-time */
            submitted_at: string | null;
            /**
             * Format: date-time
             * @description when this version was saved (null: none)
             */
            updated_at: string | null;
            ratings: components["schemas"]["QuestionRating"][];
            notes: string;
            scale: components["schemas"]["RatingScale"];
            questions: components["schemas"]["ScorecardQuestion"][];
        };
        PaginatedInterviewListList: {
            /** @example 123 */
            count: number;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=4
             */
            next?: string | null;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=2
             */
            previous?: string | null;
            results: components["schemas"]["InterviewList"][];
        };
        /**
         * @description The deciders' notes (``assessment``, text) and ``decision`` ("" | advance | hold | reject).
         *
         *     ``decided_by``/``decided_at`` change only when the decision does; ``assessment_by``/``assessment_at``
         *     say who wrote the current notes, and when.
         */
        PatchedAssessmentRequest: {
            /** @description the recruiter's notes */
            assessment?: string;
            decision?: components["schemas"]["DecisionEnum"] | components["schemas"]["BlankEnum"];
        };
        /** @description A new invitation (or the fields a recruiter changes on one). */
        PatchedInvitationInputRequest: {
            candidate_name?: string;
            email?: string;
            /**
             * @description the candidate page's and the e-mail's language
             *
             *     * `fr` - French
             *     * `en` - English
             * @default fr
             */
            language: components["schemas"]["CandidateLanguageEnum"];
            /**
             * Format: date-time
             * @description default: in IAL_INVITATION_DAYS days
             */
            deadline?: string;
            /**
             * @description e-mail the link to `email` now
             * @default false
             */
            send_email: boolean;
        };
        /** @description A member's new role in the organisation. */
        PatchedMemberRoleRequest: {
            role?: components["schemas"]["RoleEnum"];
        };
        /** @description A position: one job opening, its questions, rubrics, score weights, mode, retention and reviewers. */
        PatchedPositionRequest: {
            /** Format: uuid */
            organisation?: string;
            title?: string;
            /** @default auto */
            language: components["schemas"]["LanguageEnum"];
            /** @default  */
            description: string;
            questions?: components["schemas"]["PositionQuestionRequest"][];
            /**
             * @description maximum points of each part, run_all.py --weights format
             * @default verbal=40,paraverbal=20,nonverbal=40
             */
            weights: string;
            /** @description days after upload when its interviews are deleted (0: never) */
            retention_days?: number;
            /** @default recruitment */
            mode: components["schemas"]["ModeEnum"];
            /**
             * @description one-way interview: seconds to read each question before the recording starts by itself (0: at once; null: unlimited)
             * @default 30
             */
            think_time_sec: number | null;
            /**
             * @description one-way interview: longest answer to one question, seconds
             * @default 120
             */
            answer_time_sec: number;
            /**
             * @description one-way interview: recordings a candidate may make of each answer (null: unlimited)
             * @default 1
             */
            takes: number | null;
            /**
             * @description one-way interview: a question to try the camera on, never sent ('' : none)
             * @default
             */
            practice_question: string;
            /** @description team review: {"min": 1, "max": 5, "anchors": {"1": "text"}} (integers, max - min from 1 to 10; anchors on points of the scale) */
            rating_scale?: unknown;
            /**
             * @description team review: each person sees the others' ratings only once they submitted their own
             * @default true
             */
            independent_ratings: boolean;
            /**
             * Format: date-time
             * @description team review: after it an editor sees every rating, even before submitting their own (null: none)
             */
            review_deadline?: string | null;
        };
        /** @description A position: one job opening, its questions, rubrics, score weights, mode, retention and reviewers. */
        Position: {
            /** Format: uuid */
            readonly id: string;
            /** Format: uuid */
            organisation: string;
            title: string;
            /** @default auto */
            language: components["schemas"]["LanguageEnum"];
            /** @default  */
            description: string;
            questions: components["schemas"]["PositionQuestion"][];
            /**
             * @description maximum points of each part, run_all.py --weights format
             * @default verbal=40,paraverbal=20,nonverbal=40
             */
            weights: string;
            /** @description days after upload when its interviews are deleted (0: never) */
            retention_days: number;
            /** @default recruitment */
            mode: components["schemas"]["ModeEnum"];
            /**
             * @description one-way interview: seconds to read each question before the recording starts by itself (0: at once; null: unlimited)
             * @default 30
             */
            think_time_sec: number | null;
            /**
             * @description one-way interview: longest answer to one question, seconds
             * @default 120
             */
            answer_time_sec: number;
            /**
             * @description one-way interview: recordings a candidate may make of each answer (null: unlimited)
             * @default 1
             */
            takes: number | null;
            /**
             * @description one-way interview: a question to try the camera on, never sent ('' : none)
             * @default
             */
            practice_question: string;
            /** @description team review: {"min": 1, "max": 5, "anchors": {"1": "text"}} (integers, max - min from 1 to 10; anchors on points of the scale) */
            rating_scale: unknown;
            /**
             * @description team review: each person sees the others' ratings only once they submitted their own
             * @default true
             */
            independent_ratings: boolean;
            /**
             * Format: date-time
             * @description team review: after it an editor sees every rating, even before submitting their own (null: none)
             */
            review_deadline: string | null;
            /** @description The usernames of the position's reviewers, in alphabetical order. */
            readonly reviewers: string[];
            /** @description the caller's role in the position's organisation */
            readonly role: (components["schemas"]["RoleEnum"] | components["schemas"]["NullEnum"]) | null;
            /** @description The number of interviews of the position. */
            readonly interview_count: number;
            /** @description the latest rubric version of each question */
            readonly rubrics: components["schemas"]["PositionRubric"][];
            /** Format: date-time */
            readonly created_at: string;
            /** Format: date-time */
            readonly updated_at: string;
        };
        /** @description One question of a position: its text, its weight in the verbal part (> 0), optionally its rubric. */
        PositionQuestion: {
            text: string;
            /**
             * Format: double
             * @default 1
             */
            weight: number;
        };
        /** @description One question of a position: its text, its weight in the verbal part (> 0), optionally its rubric. */
        PositionQuestionRequest: {
            text: string;
            /**
             * Format: double
             * @default 1
             */
            weight: number;
            /** @description the question's rubric (default: generated from the text) */
            rubric?: unknown;
        };
        /** @description A position: one job opening, its questions, rubrics, score weights, mode, retention and reviewers. */
        PositionRequest: {
            /** Format: uuid */
            organisation: string;
            title: string;
            /** @default auto */
            language: components["schemas"]["LanguageEnum"];
            /** @default  */
            description: string;
            questions?: components["schemas"]["PositionQuestionRequest"][];
            /**
             * @description maximum points of each part, run_all.py --weights format
             * @default verbal=40,paraverbal=20,nonverbal=40
             */
            weights: string;
            /** @description days after upload when its interviews are deleted (0: never) */
            retention_days?: number;
            /** @default recruitment */
            mode: components["schemas"]["ModeEnum"];
            /**
             * @description one-way interview: seconds to read each question before the recording starts by itself (0: at once; null: unlimited)
             * @default 30
             */
            think_time_sec: number | null;
            /**
             * @description one-way interview: longest answer to one question, seconds
             * @default 120
             */
            answer_time_sec: number;
            /**
             * @description one-way interview: recordings a candidate may make of each answer (null: unlimited)
             * @default 1
             */
            takes: number | null;
            /**
             * @description one-way interview: a question to try the camera on, never sent ('' : none)
             * @default
             */
            practice_question: string;
            /** @description team review: {"min": 1, "max": 5, "anchors": {"1": "text"}} (integers, max - min from 1 to 10; anchors on points of the scale) */
            rating_scale?: unknown;
            /**
             * @description team review: each person sees the others' ratings only once they submitted their own
             * @default true
             */
            independent_ratings: boolean;
            /**
             * Format: date-time
             * @description team review: after it an editor sees every rating, even before submitting their own (null: none)
             */
            review_deadline?: string | null;
        };
        /** @description One version of the rubric of one question of a position. */
        PositionRubric: {
            /** @description 1-based, as report.questions[].index */
            readonly question_index: number;
            readonly version: number;
            readonly rubric: components["schemas"]["Rubric"];
            readonly source: components["schemas"]["PositionRubricSourceEnum"];
            /** @description Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only. */
            readonly created_by: string | null;
            /** Format: date-time */
            readonly created_at: string;
        };
        /** @description A new version of one question's rubric: the question (1-based) and the rubric, validated before it is kept. */
        PositionRubricInputRequest: {
            question_index: number;
            rubric: unknown;
        };
        /**
         * @description * `generated` - Generated from the question
         *     * `given` - Given with the question
         *     * `edited` - Edited by a recruiter
         * @enum {string}
         */
        PositionRubricSourceEnum: "generated" | "given" | "edited";
        /** @description Where an analysis stands: its current stage and the overall percentage (0-100). */
        Progress: {
            /** @description current stage (queued, extract_audio, transcribe…, done) */
            stage: string;
            /**
             * Format: double
             * @description overall progress, 0-100
             */
            percent: number;
        };
        /** @description One question's rating (null: not rated as a whole), its criteria's ratings and its evidence. */
        QuestionRating: {
            /** @description 1-based question index */
            question: number;
            rating?: number | null;
            criteria?: components["schemas"]["CriterionRating"][];
            evidence?: components["schemas"]["Evidence"][];
        };
        /** @description One question's rating (null: not rated as a whole), its criteria's ratings and its evidence. */
        QuestionRatingRequest: {
            /** @description 1-based question index */
            question: number;
            rating?: number | null;
            criteria?: components["schemas"]["CriterionRatingRequest"][];
            evidence?: components["schemas"]["EvidenceRequest"][];
        };
        /** @description One question of an interview with its current rubric (none when there is no rubric for its text). */
        QuestionRubricRow: {
            /** @description 1-based */
            index: number;
            text: string;
            /**
             * Format: double
             * @description seconds into the video, when given
             */
            start: number | null;
            rubric: components["schemas"]["Rubric"] | null;
            rubric_version: number | null;
            rubric_source: string | null;
            /** Format: date-time */
            rubric_updated_at: string | null;
            rubric_updated_by: string | null;
        };
        /**
         * @description * `open` - Open
         *     * `answered` - Answered
         *     * `failed` - Every take failed
         * @enum {string}
         */
        QuestionStatusEnum: "open" | "answered" | "failed";
        /** @description A rating scale: integers ``min`` to ``max`` (span 1-10) and optional texts of some points (``anchors``). */
        RatingScale: {
            min: number;
            max: number;
            /** @description {"1": "text", "5": "text"} */
            anchors: {
                [key: string]: string;
            };
        };
        /** @description Why the interview cannot do this yet (409): its status, the analysis' progress and its last error. */
        ReportConflict: {
            detail: string;
            status: string;
            progress: components["schemas"]["Progress"];
            error: string;
        };
        /**
         * @description A report's scores: the three parts and the total out of 100 (null when not measured).
         *
         *     ``measured`` says what could be measured, ``incomplete`` why the rest could not.
         */
        ReportScores: {
            /** Format: double */
            verbal: number | null;
            /** Format: double */
            paraverbal: number | null;
            /** Format: double */
            nonverbal: number | null;
            /** Format: double */
            total: number | null;
            measured?: components["schemas"]["Measured"] | null;
            incomplete?: components["schemas"]["Incomplete"] | null;
        };
        /** @description One kept report of an interview: its version, when and with which options it was made, how long it took. */
        ReportVersion: {
            readonly version: number;
            /** Format: date-time */
            readonly created_at: string;
            readonly options: unknown;
            /** Format: double */
            readonly duration_sec: number | null;
            /** Format: double */
            readonly analysis_sec: number | null;
        };
        /** @description The person a scorecard belongs to. */
        Reviewer: {
            id: number;
            username: string;
        };
        /**
         * @description * `admin` - Administrator
         *     * `recruiter` - Recruiter
         *     * `reviewer` - Reviewer
         * @enum {string}
         */
        RoleEnum: "admin" | "recruiter" | "reviewer";
        /** @description A question's rubric: its criteria, and what it was made for. */
        Rubric: {
            criteria: components["schemas"]["RubricCriterion"][];
            question?: string;
            language?: string;
            question_type?: string;
            /** @description the rubric format's version */
            version?: number;
        };
        /** @description One criterion of a rubric; ``weight`` is relative (≥ 0). */
        RubricCriterion: {
            id: string;
            name: string;
            description: string;
            /** Format: double */
            weight: number;
            /** @description word starts that signal the criterion (any language) */
            keywords?: string[];
            examples?: string[];
        };
        /** @description One version of a question's rubric. */
        RubricVersion: {
            /** @description 1-based, as report.questions[].index */
            readonly question_index: number;
            readonly version: number;
            readonly source: components["schemas"]["RubricVersionSourceEnum"];
            /** @description the question this rubric was made for */
            readonly question_text: string;
            readonly rubric: components["schemas"]["Rubric"];
            /** @description null: made by the system (generated from the question) */
            readonly created_by: string | null;
            /** Format: date-time */
            readonly created_at: string;
        };
        /**
         * @description * `generated` - Generated from the question
         *     * `given` - Given at upload
         *     * `edited` - Edited by a recruiter
         * @enum {string}
         */
        RubricVersionSourceEnum: "generated" | "given" | "edited";
        /**
         * @description * `verbal` - verbal
         *     * `paraverbal` - paraverbal
         *     * `nonverbal` - nonverbal
         * @enum {string}
         */
        ScorePartEnum: "verbal" | "paraverbal" | "nonverbal";
        /** @description One person's latest scorecard of an interview (version 0: none saved yet). */
        Scorecard: {
            reviewer: components["schemas"]["Reviewer"];
            role: components["schemas"]["RoleEnum"];
            version: number;
            submitted: boolean;
            /** Format: date-time */
            submitted_at: string | null;
            /**
             * Format: date-time
             * @description when this version was saved (null: none)
             */
            updated_at: string | null;
            ratings: components["schemas"]["QuestionRating"][];
            notes: string;
        };
        /** @description A new version of the caller's own scorecard; ``submit: true`` submits it (it stays submitted). */
        ScorecardInputRequest: {
            ratings?: components["schemas"]["QuestionRatingRequest"][];
            /** @default  */
            notes: string;
            /** @default false */
            submit: boolean;
        };
        /** @description A question to rate, with its rubric's criteria. */
        ScorecardQuestion: {
            index: number;
            text: string;
            criteria: components["schemas"]["CriterionRef"][];
        };
        /** @description The scorecards the caller may see: hidden (``submit_first``) until they submitted theirs, when independent. */
        Scorecards: {
            visible: boolean;
            hidden_reason: (components["schemas"]["HiddenReasonEnum"] | components["schemas"]["NullEnum"]) | null;
            scale: components["schemas"]["RatingScale"];
            scorecards: components["schemas"]["Scorecard"][];
        };
        /**
         * @description * `uploading` - Uploading
         *     * `received` - Received
         *     * `failed` - Failed
         *     * `discarded` - Discarded
         * @enum {string}
         */
        TakeStateEnum: "uploading" | "received" | "failed" | "discarded";
        /** @description A user account: id, username, e-mail, names, and whether it may use the admin site. */
        User: {
            readonly id: number;
            /** @description Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only. */
            readonly username: string;
            /**
             * Email address
             * Format: email
             */
            readonly email: string;
            readonly first_name: string;
            readonly last_name: string;
            /**
             * Staff status
             * @description Designates whether the user can log into this admin site.
             */
            readonly is_staff: boolean;
        };
        /** @description A user named by username (a member of the organisation to make a reviewer). */
        UsernameRequest: {
            username: string;
        };
        _ImpactCategory: {
            category: string;
            unknown: number;
            groups: components["schemas"]["_ImpactGroup"][];
        };
        _ImpactGroup: {
            group: string;
            n: number;
            scored_n: number;
            above_median: number;
            /** Format: double */
            scoring_rate: number | null;
            /** Format: double */
            scoring_impact_ratio: number | null;
            decided_n: number;
            selected: number;
            /** Format: double */
            selection_rate: number | null;
            /** Format: double */
            selection_impact_ratio: number | null;
            too_few: boolean;
            four_fifths_flag: boolean | null;
        };
        _PersonRating: {
            reviewer: string;
            rating: number;
        };
        _QuestionRef: {
            index: number;
            text: string;
        };
        _Row: {
            /** Format: uuid */
            interview: string;
            candidate_name: string;
            status: string;
            /** Format: date-time */
            created_at: string;
            scores: components["schemas"]["_Scores"];
            measured: components["schemas"]["Measured"] | null;
            complete: boolean;
            incomplete_reasons: components["schemas"]["IncompleteReason"][];
            /** @description 1 = best total among complete rows */
            rank: number | null;
            questions: components["schemas"]["_RowQuestion"][];
            decision: string;
            decided_by: string | null;
            /** Format: date-time */
            decided_at: string | null;
            report_version: number;
            rubric_versions: {
                [key: string]: number;
            } | null;
            stale_rubric: boolean;
        };
        _RowQuestion: {
            index: number;
            /**
             * Format: double
             * @description rubric coverage of the answer, 0-1
             */
            coverage: number | null;
            /**
             * Format: double
             * @description 0-100
             */
            rubric_score: number | null;
            /**
             * Format: double
             * @description the answer's own score, 0-100
             */
            answer_score: number | null;
            /**
             * Format: double
             * @description seconds
             */
            start: number | null;
            /**
             * Format: double
             * @description seconds
             */
            end: number | null;
            evidence: string[];
            link: string;
            /** @description people's submitted ratings of this answer, as the caller may see them */
            ratings: components["schemas"]["CellRatings"];
        };
        _Scores: {
            /** Format: double */
            verbal: number | null;
            /** Format: double */
            paraverbal: number | null;
            /** Format: double */
            nonverbal: number | null;
            /** Format: double */
            total: number | null;
        };
        /** @description `detail` for a refusal; for invalid input, each field name with its error messages */
        Error: {
            detail?: string;
        } & {
            [key: string]: unknown;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    auth_csrf_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Csrf"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auth_login_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["LoginRequest"];
                "multipart/form-data": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description wrong username or password */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description CSRF check failed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many failed sign-ins of this username from this address, or of any usernames from this address (see the Retry-After header, s) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LockedOut"];
                };
            };
        };
    };
    auth_logout_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auth_me_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auth_token_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["AuthTokenRequest"];
                "multipart/form-data": components["schemas"]["AuthTokenRequest"];
                "application/json": components["schemas"]["AuthTokenRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthToken"];
                };
            };
            /** @description wrong username or password */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description too many failed sign-ins of this username from this address, or of any usernames from this address (see the Retry-After header, s) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LockedOut"];
                };
            };
        };
    };
    candidate_consent_create: {
        parameters: {
            query?: never;
            header: {
                /** @description the token of the invitation link (after #/invitation/) */
                "X-Invitation-Token": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CandidateSession"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a forged or unknown link (code invalid), or a path that names nothing */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkNotFound"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CandidateRefusal"];
                };
            };
            /** @description an expired or revoked link */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkRefused"];
                };
            };
            /** @description too many requests from this address (Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    candidate_session_retrieve: {
        parameters: {
            query?: never;
            header: {
                /** @description the token of the invitation link (after #/invitation/) */
                "X-Invitation-Token": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CandidateSession"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a forged or unknown link (code invalid), or a path that names nothing */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkNotFound"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description an expired or revoked link */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkRefused"];
                };
            };
            /** @description too many requests from this address (Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    candidate_submit_create: {
        parameters: {
            query?: never;
            header: {
                /** @description the token of the invitation link (after #/invitation/) */
                "X-Invitation-Token": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CandidateSession"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a forged or unknown link (code invalid), or a path that names nothing */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkNotFound"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CandidateRefusal"];
                };
            };
            /** @description an expired or revoked link */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkRefused"];
                };
            };
            /** @description too many requests from this address (Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    candidate_takes_choose_create: {
        parameters: {
            query?: never;
            header: {
                /** @description the token of the invitation link (after #/invitation/) */
                "X-Invitation-Token": string;
            };
            path: {
                take_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CandidateSession"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a forged or unknown link (code invalid), or a path that names nothing */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkNotFound"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CandidateRefusal"];
                };
            };
            /** @description an expired or revoked link */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkRefused"];
                };
            };
            /** @description too many requests from this address (Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    config_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Config"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_list: {
        parameters: {
            query?: {
                /** @description A page number within the paginated result set. */
                page?: number;
                /** @description Number of results to return per page. */
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaginatedInterviewListList"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["InterviewCreateRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InterviewDetail"];
                };
            };
            /** @description not a readable video, or a bad field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description larger than IAL_UPLOAD_MAX_MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InterviewDetail"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_analyze_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "multipart/form-data": components["schemas"]["AnalyzeRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["AnalyzeRequest"];
                "application/json": components["schemas"]["AnalyzeRequest"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InterviewDetail"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description an analysis is already queued or running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportConflict"];
                };
            };
            /** @description request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the task broker is unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    interviews_assessment_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "multipart/form-data": components["schemas"]["PatchedAssessmentRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["PatchedAssessmentRequest"];
                "application/json": components["schemas"]["PatchedAssessmentRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Assessment"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a reviewer: error_code reviewer_uses_scorecard (their scorecard instead) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_audit_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEvent"][];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_blur_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InterviewDetail"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description a blurring or an analysis is queued or running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the task broker is unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    interviews_demographics_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DemographicsStatus"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_demographics_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["DemographicsInputRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["DemographicsInputRequest"];
                "application/json": components["schemas"]["DemographicsInputRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DemographicsStatus"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_demographics_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_export_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_questions_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuestionRubricRow"][];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_questions_rubric_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
                index: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RubricVersion"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_questions_rubric_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
                index: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "multipart/form-data": {
                    [key: string]: unknown;
                };
                "application/x-www-form-urlencoded": {
                    [key: string]: unknown;
                };
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RubricVersion"];
                };
            };
            /** @description invalid rubric ({'rubric': [reason]}) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such question */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_questions_rubric_versions_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
                index: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RubricVersion"][];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_report_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description report.json (report.schema.json) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not DONE yet */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportConflict"];
                };
            };
        };
    };
    interviews_reports_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportVersion"][];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_reports_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a past report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_scorecard_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnScorecard"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_scorecard_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "multipart/form-data": components["schemas"]["ScorecardInputRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["ScorecardInputRequest"];
                "application/json": components["schemas"]["ScorecardInputRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnScorecard"];
                };
            };
            /** @description {field: [reason], error_code, error_params}: no_such_question, question_twice, rating_outside_scale, unknown_criterion, evidence_outside_video, too_much_evidence, notes_too_long */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_scorecards_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Scorecards"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    interviews_video_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this interview. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "video/*": string;
                };
            };
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "video/*": string;
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    organisations_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organisation"][];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    organisations_members_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this organisation. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"][];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    organisations_members_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this organisation. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["MemberRequest"];
                "multipart/form-data": components["schemas"]["MemberRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    organisations_members_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this organisation. */
                id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    organisations_members_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this organisation. */
                id: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedMemberRoleRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["PatchedMemberRoleRequest"];
                "multipart/form-data": components["schemas"]["PatchedMemberRoleRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Position"][];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PositionRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["PositionRequest"];
                "multipart/form-data": components["schemas"]["PositionRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Position"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_invitations_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"][];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_invitations_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvitationInputRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["InvitationInputRequest"];
                "multipart/form-data": components["schemas"]["InvitationInputRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationLink"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_invitations_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                invitation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_invitations_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                invitation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_invitations_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                invitation_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedInvitationInputRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["PatchedInvitationInputRequest"];
                "multipart/form-data": components["schemas"]["PatchedInvitationInputRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the invitation was submitted or revoked: it cannot change this way */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_invitations_export_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                invitation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_invitations_link_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                invitation_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LinkRequestRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["LinkRequestRequest"];
                "multipart/form-data": components["schemas"]["LinkRequestRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationLink"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the invitation was submitted or revoked: it cannot change this way */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_invitations_revoke_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                invitation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the invitation was submitted or revoked: it cannot change this way */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this position. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Position"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this position. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the position still has interviews or invitations */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this position. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedPositionRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["PatchedPositionRequest"];
                "multipart/form-data": components["schemas"]["PatchedPositionRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Position"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_adverse_impact_retrieve: {
        parameters: {
            query?: {
                /** @description csv: the same table as a CSV attachment */
                format?: "csv" | "json";
            };
            header?: never;
            path: {
                /** @description A UUID string identifying this position. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdverseImpact"];
                    "text/csv": string;
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_comparison_retrieve: {
        parameters: {
            query?: {
                /** @description csv: one row per candidate as a CSV attachment (hidden ratings: the count only) */
                format?: "csv" | "json";
            };
            header?: never;
            path: {
                /** @description A UUID string identifying this position. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comparison"];
                    "text/csv": string;
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_reviewers_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this position. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UsernameRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["UsernameRequest"];
                "multipart/form-data": components["schemas"]["UsernameRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Position"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_reviewers_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this position. */
                id: string;
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Position"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_rubrics_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this position. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PositionRubric"][];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    positions_rubrics_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID string identifying this position. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PositionRubricInputRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["PositionRubricInputRequest"];
                "multipart/form-data": components["schemas"]["PositionRubricInputRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PositionRubric"];
                };
            };
            /** @description invalid input (field → messages) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description not signed in (send `Authorization: Token …` or a session cookie) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description refused (CSRF check failed for a session, or not allowed) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description no such resource, or one of another user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description method not allowed in this state */
            405: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
