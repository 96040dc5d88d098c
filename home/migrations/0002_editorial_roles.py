"""Editors, Reviewers and the "Editorial review" workflow, on every new database.

Editors add and change pages of both languages (the permissions sit on the tree root,
above both home pages) and submit them for review; Reviewers change, publish, unpublish
and approve. Wagtail's own default moderation set-up (a "Moderators" group approving
through a "Moderators approval" workflow) is taken over: the group is renamed Reviewers,
keeping its members, and its workflow gives way to "Editorial review".

The names match editorial/workflow.py, where they are marked for translation; they are
literals here so that this migration keeps working whatever that module becomes.
"""

from django.db import migrations

EDITORS = "Editors"
REVIEWERS = "Reviewers"
EDITORIAL_REVIEW = "Editorial review"
REVIEWER_APPROVAL = "Reviewer approval"
WAGTAIL_DEFAULT_GROUP = "Moderators"
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

ADMIN_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
]
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    REVIEWERS: ["change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def create_editorial_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    editors, _created = Group.objects.get_or_create(name=EDITORS)
    reviewers = Group.objects.filter(name=REVIEWERS).first()
    if reviewers is None:
        reviewers = Group.objects.filter(name=WAGTAIL_DEFAULT_GROUP).first()
        if reviewers is None:
            reviewers = Group.objects.create(name=REVIEWERS)
        else:
            reviewers.name = REVIEWERS
            reviewers.save()

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    for group in (editors, reviewers):
        # Model-wide image and document permissions would bypass the collections.
        group.permissions.set([permission(*name) for name in ADMIN_PERMISSIONS])
        GroupPagePermission.objects.filter(group=group).delete()
        for codename in PAGE_PERMISSIONS[group.name]:
            GroupPagePermission.objects.create(
                group=group, page=root_page, permission=permission("wagtailcore", codename)
            )
        GroupCollectionPermission.objects.filter(group=group).delete()
        for name in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=permission(*name)
            )

    task_content_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _created = GroupApprovalTask.objects.get_or_create(
        name=REVIEWER_APPROVAL, defaults={"content_type": task_content_type, "active": True}
    )
    task.groups.set([reviewers])
    workflow, _created = Workflow.objects.get_or_create(
        name=EDITORIAL_REVIEW, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})

    # Wagtail's default workflow, now assigned nowhere, goes; kept inactive if it was used.
    for default in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW):
        if default.workflow_pages.exists() or default.workflow_content_types.exists():
            continue
        if default.workflow_states.exists():
            Workflow.objects.filter(pk=default.pk).update(active=False)
        else:
            default.delete()
    for default in GroupApprovalTask.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW):
        if default.workflow_tasks.exists():
            continue
        if default.task_states.exists():
            GroupApprovalTask.objects.filter(pk=default.pk).update(active=False)
        else:
            default.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # Undoing it leaves the groups and the workflow in place: they hold people's work.
        migrations.RunPython(create_editorial_roles, migrations.RunPython.noop),
    ]
