"""Create the media and private buckets of object storage if they are missing; safe to run on every deploy."""

import json

from botocore.exceptions import ClientError
from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand


def _public_read_policy(bucket: str) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "PublicReadMedia", "Effect": "Allow", "Principal": "*",
        "Action": ["s3:GetObject"], "Resource": [f"arn:aws:s3:::{bucket}/*"],
    }]})


def _block_public(on: bool) -> dict:
    return {"BlockPublicAcls": on, "IgnorePublicAcls": on, "BlockPublicPolicy": on, "RestrictPublicBuckets": on}


class Command(BaseCommand):
    help = "Tạo hai bucket (ảnh công khai và giấy tờ riêng tư) nếu chưa có. Không làm gì khi không dùng S3."

    def handle(self, *args, **options):
        if not settings.S3_MEDIA_BUCKET:
            self.stdout.write("S3_MEDIA_BUCKET is not set: media stay on local disk, nothing to do.")
            return
        for alias, public in (("default", True), ("private", False)):
            storage = storages[alias]
            client, bucket = storage.connection.meta.client, storage.bucket_name
            self._create_if_missing(client, bucket, storage.region_name)
            if public:
                # New AWS buckets refuse object ACLs and public policies; the media bucket needs both, since
                # uploads are public-read and some providers honour only one of the two.
                self._optional(client.put_public_access_block, Bucket=bucket,
                               PublicAccessBlockConfiguration=_block_public(False))
                self._optional(client.put_bucket_ownership_controls, Bucket=bucket, OwnershipControls={
                    "Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]})
                self._optional(client.put_bucket_policy, Bucket=bucket, Policy=_public_read_policy(bucket))
            else:
                # The private bucket must never become readable by accident (an object ACL, a policy).
                self._optional(client.put_public_access_block, Bucket=bucket,
                               PublicAccessBlockConfiguration=_block_public(True))

    def _create_if_missing(self, client, bucket: str, region: str | None) -> None:
        try:
            client.head_bucket(Bucket=bucket)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") not in ("404", "NoSuchBucket", "NotFound"):
                raise
        else:
            self.stdout.write(f"{bucket}: exists")
            return
        extra = {} if region in (None, "", "us-east-1") else {"CreateBucketConfiguration": {"LocationConstraint": region}}
        client.create_bucket(Bucket=bucket, **extra)
        self.stdout.write(f"{bucket}: created")

    def _optional(self, call, **kwargs) -> None:
        """Bucket settings some S3-compatible servers do not implement: say so and go on."""
        try:
            call(**kwargs)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            if code not in ("NotImplemented", "MethodNotAllowed", "XNotImplemented"):
                raise
            self.stderr.write(f"{kwargs['Bucket']}: {call.__name__} not supported by this server ({code})")
