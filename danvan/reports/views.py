from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from danvan.common.forms import posted_id
from danvan.indicators.selectors import rollup_unit_asked
from danvan.reports.annual import annual_report
from danvan.reports.documents import FORMATS
from danvan.reports.documents import render as render_file


@login_required
def annual(request: HttpRequest) -> HttpResponse:
    """The annual report of a unit: read it on the page, download it as Word, Excel, PDF or text."""
    unit = rollup_unit_asked(request.user, raw=request.GET.get("unit", ""))
    this_year = timezone.localdate().year
    year = posted_id(request.GET.get("year", "")) or this_year - 1
    if not 2000 <= year <= this_year:
        raise Http404
    report = annual_report(unit, year)
    file_format = request.GET.get("format", "")
    if file_format in FORMATS:
        response = HttpResponse(render_file(report, file_format), content_type=FORMATS[file_format])
        name = f"bao-cao-cong-tac-dan-van-{year}-{slugify(report.place) or unit.pk}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(
        request,
        "reports/annual.html",
        {
            "unit": unit,
            "year": year,
            "years": list(range(this_year, 2019, -1)),
            "report": report,
            "formats": [("docx", "Word"), ("pdf", "PDF"), ("xlsx", "Excel"), ("txt", _("Text"))],
        },
    )
