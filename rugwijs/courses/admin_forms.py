"""The form editors enrol learners with in the admin."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import CoursePage, Enrolment


class EnrolmentAdminForm(WagtailAdminModelForm):
    """An editor enrols a learner (a patient of the practice, say) by their account's e-mail address."""

    learner_email = forms.EmailField(
        label=_("Learner's e-mail address"),
        help_text=_("The address of their account on this site. They make the account themselves first."),
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.editor = for_user
        if self.instance.pk:
            self.fields["learner_email"].initial = self.instance.user.email
            self.fields["learner_email"].disabled = True
            self.fields["course"].disabled = True
        self.fields["course"].queryset = CoursePage.objects.order_by("title")

    def clean_learner_email(self):
        if self.instance.pk:
            return self.instance.user.email
        email = self.cleaned_data["learner_email"]
        users = get_user_model().objects.filter(email__iexact=email, is_active=True)
        if users.count() != 1:
            raise forms.ValidationError(_("There is no account with this e-mail address."))
        self.instance.user = users.get()
        return email

    def clean(self):
        cleaned = super().clean()
        course = cleaned.get("course")
        if course is None:
            return cleaned
        user = getattr(self.instance, "user", None)
        if (
            self.instance.pk is None
            and user is not None
            and Enrolment.objects.filter(user=user, course=course).exists()
        ):
            self.add_error("learner_email", _("This learner is already enrolled in this course."))
        # The inline forms are checked after this one (ClusterForm.is_valid); ask each for its module now.
        for form in self.formsets["openings"].forms:
            module = form.cleaned_data.get("module") if form.is_valid() else None
            if module is not None and not module.is_descendant_of(course):
                form.add_error("module", _("Choose a module of this course."))
        return cleaned

    def save(self, commit=True):
        enrolment = super().save(commit=False)
        if enrolment._state.adding:
            enrolment.source = Enrolment.Source.EDITOR
            enrolment.enrolled_by = self.editor
        if enrolment.status == Enrolment.Status.ACTIVE:
            enrolment.activate()
        for opening in enrolment.openings.all():
            if opening.pk is None:
                opening.opened_by = self.editor
        if commit:
            enrolment.save()
            self.save_m2m()
        return enrolment
