"""Awards: people and their service, eligibility, batches of proposals, decisions."""

from django.utils.translation import gettext_lazy as _

from danvan.awards import demo
from danvan.awards.api import AwardViewSet, BatchViewSet, PersonViewSet
from danvan.awards.models import Award, Batch, Person
from danvan.awards.selectors import awards_visible, batches_visible, people_visible, work_pending
from danvan.awards.urls import urlpatterns
from danvan.capability.declaration import Capability, MenuItem, Records

capability = Capability(
    app="awards",
    pending=work_pending,
    demo=demo.demo_build,
    demo_order=30,
    path="awards/",
    urls=urlpatterns,
    menu=MenuItem(_("Awards"), "awards:list", order=30),
    records=[
        Records(Person, visible=people_visible, api="awards/people", viewset=PersonViewSet),
        Records(
            Award,
            visible=awards_visible,
            api="awards/awards",
            viewset=AwardViewSet,
            links={"person": (Person, "code")},
        ),
        Records(
            Batch,
            visible=batches_visible,
            api="awards/batches",
            viewset=BatchViewSet,
            links={"person": (Person, "code")},
            upward=frozenset({"decider", "at_unit"}),
        ),
    ],
)
