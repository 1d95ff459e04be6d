"""The public page of a "Livestream IDOL" contest: rules, dates, the leaderboard overall or per province,
the winners once announced."""

from django.shortcuts import get_object_or_404, render

from marketplace.core.geography import province_by_codename, province_names
from programmes.contest_scores import leaderboard
from programmes.models import Contest

BOARD_SIZE = 50


def contest_page(request, slug):
    contest = get_object_or_404(Contest, slug=slug)
    board = leaderboard(contest)
    codes = province_by_codename()
    names = province_names()
    chosen = request.GET.get("province") or ""
    ranked = [row for row in board if row.rank]
    if chosen in codes:
        ranked = [row for row in ranked if row.province_code == codes[chosen]]
    else:
        chosen = ""
    by_code = {code: name for name, code in codes.items()}
    provinces = sorted({row.province_code for row in board if row.province_code in by_code}, key=lambda c: names.get(c, ""))
    for row in ranked:
        row.province_name = names.get(row.province_code, "")
    return render(request, "cms/contest.html", {
        "contest": contest, "rows": ranked[:BOARD_SIZE], "chosen_province": chosen,
        "province_options": [(by_code[code], names.get(code, "")) for code in provinces],
        "winners": [row for row in board if row.rank and row.rank <= 3] if contest.winners_announced else [],
        "weights": contest.weights(),
    })
