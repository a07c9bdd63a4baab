from wagtail.permission_policies import ModelPermissionPolicy


class RecordsPermissionPolicy(ModelPermissionPolicy):
    """For what readers left behind (votes, counts): editors may look and delete, never add or change."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change"} and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
