from django.core.management.base import BaseCommand

from cms.news_access import news_access_ensure, news_editor_sync
from producers.models import UnionStaff


class Command(BaseCommand):
    help = ("Tạo mục tin tức của Trung ương và các tỉnh, nhóm biên tập, quy trình duyệt, và xếp cán bộ vào nhóm "
            "(create the news sections, editor groups and approval workflows; put officers in their groups).")

    def handle(self, *args, **options):
        created = news_access_ensure()
        staff = UnionStaff.objects.select_related("user")
        for officer in staff:
            news_editor_sync(officer.user)
        self.stdout.write(f"Mục tin mới: {created}; cán bộ đã xếp nhóm: {staff.count()} "
                          f"(new sections, officers placed in their groups)")
