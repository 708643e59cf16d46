"""Filters the apps' filter sets share."""

from django import forms
from django_filters import rest_framework as filters


class IntegerFilter(filters.NumberFilter):
    """A whole number (an id, a year): NumberFilter takes decimals, which a year lookup or a
    date built from the value cannot use."""

    field_class = forms.IntegerField
