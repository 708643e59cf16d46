from django.core.management import call_command


def test_collectstatic_with_the_production_storage(tmp_path, settings) -> None:
    """Outside debug mode static files get hashed names (WhiteNoise also compresses them): every
    file they refer to must exist.

    The vendored Bootstrap files once named source maps that are not shipped, and
    `collectstatic` failed on every deployment.
    """
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert list(tmp_path.glob("web/danvan.*.css"))
