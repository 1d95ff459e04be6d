"""Who publishes news where, following the union tree.

- The central union's section is /tin-tuc/; each province's section sits inside it (/tin-tuc/<tỉnh>/).
- A central officer edits and publishes the whole site's pages (news, home page, showcases).
- A province officer adds, edits and publishes in her province's section.
- A ward or branch officer writes in her province's section ("add": she edits only her own pages) and
  submits them to the province's workflow; the province's officers approve and publish.

The permissions are Wagtail's own (one group per role and province, GroupPagePermission on the section,
a GroupApprovalTask per province); `news_access_ensure` writes them, and `news_editor_sync` puts an officer
in the one group her unit calls for whenever she is attached to a unit.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from marketplace.core.geography import province_by_codename
from marketplace.core.text import normalise
from producers.models import UnionStaff, UnionUnit

CENTRAL_GROUP = "Tin tức — Trung ương"
EDITOR_GROUP = "Tin tức — {province}"
WRITER_GROUP = "Tin tức — {province} — phường, xã"
GROUP_PREFIX = "Tin tức — "
CENTRAL_SLUG = "tin-tuc"
PUBLISH = ("add_page", "change_page", "publish_page")
WRITE = ("add_page",)


def _home():
    from cms.models import HomePage

    return HomePage.objects.first()


def _grant(group: Group, page: Page, codenames) -> None:
    for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _province_slug(unit: UnionUnit) -> str:
    by_code = {code: name for name, code in province_by_codename().items()}
    return by_code.get(unit.province_code, "").replace("_", "-") or slugify(normalise(unit.name))


@transaction.atomic
def news_access_ensure() -> int:
    """Create what is missing: sections, groups, their permissions and the provinces' workflows.
    Returns how many sections were created (0 when there is no home page yet)."""
    from cms.models import NewsIndexPage

    home = _home()
    central = UnionUnit.objects.filter(level=UnionUnit.Level.CENTRAL).first()
    if home is None or central is None:
        return 0
    created = 0
    root = NewsIndexPage.objects.filter(unit=central).first()
    if root is None:
        root = home.add_child(instance=NewsIndexPage(
            title="Tin tức", slug=CENTRAL_SLUG, unit=central,
            intro="Tin tức, thông báo, chiêu sinh tập huấn và cảnh báo lừa đảo của Hội Phụ nữ các cấp."))
        created += 1
    central_group, _ = Group.objects.get_or_create(name=CENTRAL_GROUP)
    _grant(central_group, home, PUBLISH)
    existing = set(NewsIndexPage.objects.values_list("unit_id", flat=True))
    for province in UnionUnit.objects.filter(level=UnionUnit.Level.PROVINCE).order_by("name"):
        if province.pk not in existing:
            root.refresh_from_db()
            root.add_child(instance=NewsIndexPage(title=f"Tin {province.name}", slug=_province_slug(province),
                                                  unit=province))
            created += 1
        section = NewsIndexPage.objects.get(unit=province)
        editors, _ = Group.objects.get_or_create(name=EDITOR_GROUP.format(province=province.name))
        writers, _ = Group.objects.get_or_create(name=WRITER_GROUP.format(province=province.name))
        _grant(editors, section, PUBLISH)
        _grant(writers, section, WRITE)
        _province_workflow(province, section, editors)
    return created


def _province_workflow(province: UnionUnit, section, editors: Group) -> None:
    name = f"Duyệt tin — {province.name}"
    workflow = Workflow.objects.filter(name=name).first()
    if workflow is not None and not workflow.workflow_tasks.exists():
        workflow.delete()  # left without its task by an earlier version of this function
        workflow = None
    if workflow is None:
        task = GroupApprovalTask.objects.create(name=f"{province.name} duyệt")
        task.groups.set([editors])
        workflow = Workflow.objects.create(name=name)
        # Through the model: a Workflow is a ClusterableModel, whose child manager would only keep it in memory.
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=section, defaults={"workflow": workflow})


def group_for_unit(unit: UnionUnit | None) -> Group | None:
    if unit is None:
        return None
    if unit.level == UnionUnit.Level.CENTRAL:
        return Group.objects.filter(name=CENTRAL_GROUP).first()
    province = UnionUnit.objects.filter(level=UnionUnit.Level.PROVINCE, path=unit.path[:2 * UnionUnit.steplen]).first()
    if province is None:
        return None
    template = EDITOR_GROUP if unit.level == UnionUnit.Level.PROVINCE else WRITER_GROUP
    return Group.objects.filter(name=template.format(province=province.name)).first()


def news_editor_sync(user) -> None:
    """Put the officer in the one news group her unit calls for (and in no other)."""
    staff = UnionStaff.objects.select_related("unit").filter(user=user).first()
    wanted = group_for_unit(staff.unit if staff else None)
    if staff is not None and wanted is None and news_access_ensure():
        wanted = group_for_unit(staff.unit)
    stale = user.groups.filter(name__startswith=GROUP_PREFIX)
    if wanted is not None:
        stale = stale.exclude(pk=wanted.pk)
        user.groups.add(wanted)
    user.groups.remove(*stale)
