"""Editor accounts: a second factor (authenticator app plus recovery codes) for every admin account.

django-otp supplies the devices, the throttling and the session marker; the few views around it are
written here because no maintained package brings them to Wagtail 8 (wagtail-2fa stops at older Wagtail).
Login failures and lockouts are django-axes' work (settings AXES_*); this app only words the lockout.
"""
