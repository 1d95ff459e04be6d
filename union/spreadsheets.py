"""CSV (with the byte-order mark Excel needs for Vietnamese letters) or XLSX of a small table."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

from marketplace.core.text import spreadsheet_safe

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _safe(value):
    return spreadsheet_safe(value) if isinstance(value, str) else ("" if value is None else value)


def spreadsheet_response(filename: str, headings: list[str], rows: list[list], fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.append([str(heading) for heading in headings])
        for row in rows:
            sheet.append([_safe(value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(heading) for heading in headings])
    for row in rows:
        writer.writerow([_safe(value) for value in row])
    return response
