from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from comments.models import Comment
from comments.moderation import set_status


class CommentViewSet(SnippetViewSet):
    """Comments in the admin: Reviewers moderate them, Editors may read them."""

    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    menu_order = 300
    add_to_admin_menu = True
    list_display = [
        "author_name",
        Column("article", label=_("Article")),
        Column("excerpt", label=_("Comment")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Sent")),
    ]
    list_filter = ["status", "article"]
    ordering = ["-created_at"]
    inspect_view_enabled = True


register_snippet(CommentViewSet)


class ModerateBulkAction(SnippetBulkAction):
    """Give the selected comments one moderation status."""

    models = [Comment]
    template_name = "comments/admin/confirm_bulk_moderate.html"
    status = None

    def check_perm(self, comment):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", comment
        )

    @classmethod
    def execute_action(cls, objects, **kwargs):
        set_status(Comment.objects.filter(pk__in=[comment.pk for comment in objects]), cls.status)
        return len(objects), 0

    def get_context_data(self, **kwargs):
        return super().get_context_data(action_label=self.display_name, **kwargs)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment is now: %(status)s.",
            "%(count)d comments are now: %(status)s.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "status": Comment.Status(self.status).label}


@hooks.register("register_bulk_action")
class ApproveBulkAction(ModerateBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    action_priority = 10
    status = Comment.Status.APPROVED


@hooks.register("register_bulk_action")
class RejectBulkAction(ModerateBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected comments")
    action_priority = 20
    status = Comment.Status.REJECTED


@hooks.register("register_bulk_action")
class MarkAsSpamBulkAction(ModerateBulkAction):
    display_name = _("Mark as spam")
    action_type = "spam"
    aria_label = _("Mark the selected comments as spam")
    action_priority = 25
    status = Comment.Status.SPAM
