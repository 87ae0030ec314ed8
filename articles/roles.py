"""The three editorial roles, as groups of permissions. A person gets staff status and one role (or more).

- Writer: writes and edits articles. May not publish: a writer's edit to a published article waits for a
  publisher or a clinical reviewer, and readers keep seeing the reviewed text until then.
- Clinical reviewer: reads every article and signs off its text ("Mark as reviewed"); needs a Reviewer
  entry (name and credentials) linked to their account. Signing off an article publishes an edit waiting
  for approval, since that edit is the text the reviewer reviewed.
- Publisher: publishes and unpublishes, publishes or discards edits waiting for approval, edits articles
  and topics directly.

Superusers hold every permission. The groups are made by migration 0010 and by `manage.py setup_roles`,
which can be run any time: it adds what is missing and never removes a permission an administrator added.
"""

READ = ["view_article", "view_topic", "view_signoff", "view_reviewer", "view_pendingchange"]
ROLES = {
    "Writer": [*READ, "add_article", "change_article"],
    "Clinical reviewer": [*READ, "sign_off_article"],
    "Publisher": [*READ, "add_article", "change_article", "publish_article", "add_topic", "change_topic"],
}


def ensure_roles(apps):
    """Create the groups and give them their permissions (articles app). Returns {role: permissions added}."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    added = {}
    for role, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        missing = [codename for codename in codenames if codename not in {p.codename for p in wanted}]
        if missing:
            raise LookupError(f"Permissions not found: {', '.join(missing)} (run migrate first).")
        have = set(group.permissions.values_list("pk", flat=True))
        new = [permission for permission in wanted if permission.pk not in have]
        group.permissions.add(*new)
        added[role] = sorted(permission.codename for permission in new)
    return added
