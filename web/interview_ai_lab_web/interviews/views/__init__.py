"""The HTTP layer: one module per part of the API, each action thin over the app's service modules.

- :mod:`.interviews`: ``/api/interviews/…`` (upload, analyse, report, video, rubrics, GDPR, blurring);
- :mod:`.positions`: ``/api/positions/…`` (positions, reviewers, rubrics, comparison, adverse impact);
- :mod:`.organisations`: ``/api/organisations/…`` (the caller's organisations and their members);
- :mod:`.auth`: ``/api/auth/…`` (API token, CSRF cookie, session sign-in and sign-out, the signed-in user);
- :mod:`.config`: ``/api/config/`` (what the front end needs to know of the deployment);
- :mod:`.api_docs`: the Swagger UI and ReDoc pages of the schema;
- :mod:`.frontend`: every other path, the built single-page front end.

Helpers of the views: :mod:`.error_bodies` (refusals with a stable code), :mod:`.ranged_files` (a file
served with HTTP Range). Every endpoint but sign-in, the CSRF cookie and the front end requires a user
(token or session).
"""
