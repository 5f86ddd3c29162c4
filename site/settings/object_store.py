"""The file storages for an S3-compatible object store (django-storages with boto3).

Chosen by settings when S3_BUCKET is set (see base.py and the README's deployment section);
tests build the same storages against the S3 emulator. Every instance of the site then shares
the same files, and nothing is kept on one server's disk:
- "default" (Wagtail images and documents) under the prefix `media/`. Its URLs are signed and
  expire (the bucket stays private), or plain URLs of S3_CUSTOM_DOMAIN when one is set. Images
  are shown through these URLs; documents are never linked by them: Wagtail's serve view and the
  toolbox download view check who asks and stream them (WAGTAILDOCS_SERVE_METHOD = "serve_view").
- "private" (team deliverables, conversation attachments) in S3_PRIVATE_BUCKET, or under the
  prefix `private/` of the same bucket: no URL at all, streamed by permission-checked views.
"""

from urllib.parse import urlsplit


def s3_storages(
    *,
    bucket,
    private_bucket="",
    endpoint_url="",
    access_key="",
    secret_key="",
    region="",
    custom_domain="",
    addressing_style="",
    url_expiry=3600,
):
    """STORAGES["default"] and STORAGES["private"] for the object store."""
    common = {
        "endpoint_url": endpoint_url or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "region_name": region or None,
        # S3-compatible stores other than AWS mostly want path-style addresses.
        "addressing_style": addressing_style or ("path" if endpoint_url else None),
        "signature_version": "s3v4",
        # Uploads never replace another file of the same name: a new name is chosen.
        "file_overwrite": False,
        "default_acl": None,
    }
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": bucket,
                "location": "media",
                "custom_domain": custom_domain or None,
                "querystring_auth": True,
                "querystring_expire": url_expiry,
            },
        },
        "private": {
            "BACKEND": "projects.storage.PrivateS3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": private_bucket or bucket,
                "location": "" if private_bucket else "private",
                "querystring_auth": True,
            },
        },
    }


def media_origins(*, bucket, endpoint_url="", region="", custom_domain="", addressing_style=""):
    """The origins the browser loads images from (for the Content-Security-Policy)."""
    if custom_domain:
        return [f"https://{custom_domain}"]
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        if (addressing_style or "path") == "path":
            return [f"{parts.scheme}://{parts.netloc}"]
        return [f"{parts.scheme}://{bucket}.{parts.netloc}"]
    # AWS: boto3 signs with the global or the regional address, depending on region and version.
    prefix = "" if addressing_style == "path" else f"{bucket}."
    hosts = ["s3.amazonaws.com"] + ([f"s3.{region}.amazonaws.com"] if region else [])
    return [f"https://{prefix}{host}" for host in hosts]
