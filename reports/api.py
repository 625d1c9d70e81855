"""REST API of the reports app: the export tables as JSON, for the edition's organisers.

GET /api/v1/congresses/<slug>/exports/ lists the tables; GET .../exports/<table>/ pages through
one table (same columns and values as the CSV/XLSX exports; dates in ISO 8601).
"""

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import exceptions, permissions, serializers
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from congress.core.pagination import StrictPageNumberPagination
from congress.editions.models import Congress
from reports import exports
from reports.permissions import can_view_reports


class ExportPagination(StrictPageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


class OrganiserOnly(permissions.BasePermission):
    def has_permission(self, request, view):
        congress = view.congress()
        if not can_view_reports(request.user, congress):
            raise exceptions.PermissionDenied()
        return True


class _ExportBase(APIView):
    permission_classes = [permissions.IsAuthenticated, OrganiserOnly]

    def congress(self) -> Congress:
        if not hasattr(self, "_congress"):
            self._congress = get_object_or_404(Congress, slug=self.kwargs["congress_slug"])
        return self._congress


TABLE_LIST = inline_serializer(
    "ExportTable",
    fields={
        "name": serializers.CharField(),
        "title": serializers.CharField(),
        "description": serializers.CharField(),
        "url": serializers.URLField(),
        "columns": serializers.ListField(child=serializers.DictField()),
    },
    many=True,
)

TABLE_PAGE = inline_serializer(
    "ExportPage",
    fields={
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "columns": serializers.ListField(child=serializers.DictField()),
        "results": serializers.ListField(child=serializers.DictField()),
    },
)


def _columns(table: exports.Table) -> list[dict]:
    return [{"key": c.key, "label": str(c.label), "type": c.kind} for c in table.columns]


class ExportTableListView(_ExportBase):
    """The export tables of an edition (organisers only)."""

    @extend_schema(responses=TABLE_LIST, operation_id="exports_list")
    def get(self, request, congress_slug):
        return Response(
            [
                {
                    "name": table.name,
                    "title": table.title,
                    "description": str(table.description),
                    "url": reverse(
                        "api-export-table", args=[congress_slug, table.name], request=request
                    ),
                    "columns": _columns(table),
                }
                for table in exports.TABLES.values()
            ]
        )


class ExportTableView(_ExportBase):
    """One export table, paginated (`?page=`, `?page_size=` up to 1 000)."""

    @extend_schema(
        responses={200: TABLE_PAGE, 404: OpenApiResponse(description="Unknown table")},
        operation_id="exports_table",
        parameters=[
            OpenApiParameter(
                "table", str, OpenApiParameter.PATH, enum=list(exports.TABLES), description="Table"
            ),
            OpenApiParameter("page", int, description="Page number (from 1)."),
            OpenApiParameter("page_size", int, description="Rows per page (at most 1 000)."),
        ],
    )
    def get(self, request, congress_slug, table):
        table_def = exports.TABLES.get(table)
        if table_def is None:
            raise exceptions.NotFound()
        paginator = ExportPagination()
        page = paginator.paginate_queryset(table_def.queryset(self.congress()), request, view=self)
        response = paginator.get_paginated_response([table_def.as_dict(raw) for raw in page])
        response.data["columns"] = _columns(table_def)
        return response


urlpatterns = [
    path(
        "congresses/<slug:congress_slug>/exports/",
        ExportTableListView.as_view(),
        name="api-export-list",
    ),
    path(
        "congresses/<slug:congress_slug>/exports/<slug:table>/",
        ExportTableView.as_view(),
        name="api-export-table",
    ),
]
