from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    """Tokens for 'confirm your email' links.

    The hash covers the address and whether it is verified, so a link stops
    working once used or once the address changes.
    """

    key_salt = "townhall.accounts.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):  # type: ignore[no-untyped-def]
        return f"{user.pk}{user.email}{user.email_verified_at}{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()
