from django.core.management.base import BaseCommand

from producers.union_tree import union_tree_load


class Command(BaseCommand):
    help = "Tạo cây đơn vị Hội (trung ương → 34 tỉnh/thành → phường/xã) từ vietnam-provinces. Chạy lại không tạo trùng."

    def handle(self, *args, **options):
        result = union_tree_load()
        self.stdout.write(
            f"Đơn vị Hội: thêm mới {result['created']}; {result['provinces']} tỉnh/thành, {result['wards']} phường/xã."
        )
