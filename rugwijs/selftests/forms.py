from wagtail.admin.forms import WagtailAdminPageForm


class SelfTestPageForm(WagtailAdminPageForm):
    """The self-test editor's form: the test is checked as a whole only once each of its parts is valid.

    A part the form refuses (a question without its text, say) keeps its old value on the page, so checking
    the whole test then would name problems that are not there, at blocks that may no longer exist.
    """

    def clean(self):
        cleaned_data = super().clean()
        self.instance.check_definition = not any(name in self.errors for name in self.instance.definition_fields)
        return cleaned_data
