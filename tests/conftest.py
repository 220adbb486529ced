"""Fixtures that build on each other: country -> election -> mission -> delegation -> meeting."""

import datetime

import pytest
from django.utils import translation

from missions.models import (
    Country,
    Delegation,
    DelegationMember,
    Election,
    Meeting,
    Mission,
    Organization,
    Person,
    Region,
    Visit,
)


@pytest.fixture
def host_country(db):
    from . import factories

    factories.ensure_countries()  # a transactional test before may have flushed them
    return Country.objects.get(code="KZ")


@pytest.fixture
def observer_body(db):
    return Organization.objects.create(
        slug="ipa-cis", name="Interparliamentary Assembly", short_name="IPA CIS", kind="assembly"
    )


@pytest.fixture
def election(host_country):
    return Election.objects.create(
        slug="kz-senate-2017",
        name="Elections to the Senate",
        country=host_country,
        kind=Election.Kind.PARLIAMENTARY_UPPER,
        voting_day=datetime.date(2017, 6, 28),
    )


@pytest.fixture
def mission(election, observer_body):
    return Mission.objects.create(
        slug="kz-senate-2017-ipa-cis",
        title="Observation of the Senate elections",
        election=election,
        observer_body=observer_body,
        monitoring=Mission.Monitoring.SHORT_TERM,
        starts=datetime.date(2017, 6, 27),
        ends=datetime.date(2017, 6, 29),
        status=Mission.Status.PUBLISHED,
    )


@pytest.fixture
def person(db):
    return Person.objects.create(
        slug="ilyas-umakhanov", name="Ilyas Umakhanov", name_original="Ильяс Умаханов"
    )


@pytest.fixture
def delegation(mission):
    return Delegation.objects.create(mission=mission, country=Country.objects.get(code="RU"))


@pytest.fixture
def member(delegation, person):
    return DelegationMember.objects.create(
        delegation=delegation,
        person=person,
        role=DelegationMember.Role.COORDINATOR,
        position="Deputy Speaker of the Federation Council",
    )


@pytest.fixture
def meeting(mission):
    return Meeting.objects.create(mission=mission, date=datetime.date(2017, 6, 27))


@pytest.fixture
def region(host_country):
    return Region.objects.create(country=host_country, name="Akmola Region", kind="region")


@pytest.fixture
def visit(mission, region):
    return Visit.objects.create(
        mission=mission, date=datetime.date(2017, 6, 28), region=region, stages=["voting"]
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Save as a commit would, its on-commit work run (the data version replaced): writes in
    tests never really commit."""
    from django.db import transaction

    def save(instance):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            instance.save()

    return save


def staff_in_group(django_user_model, username, group_name):
    from django.contrib.auth.models import Group

    from . import factories

    factories.ensure_staff_groups()  # a transactional test before may have flushed them
    user = django_user_model.objects.create_user(username, password="pw-" + username, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(django_user_model):
    return staff_in_group(django_user_model, "edna", "Editors")


@pytest.fixture
def publisher(django_user_model):
    return staff_in_group(django_user_model, "paul", "Publishers")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's Chromium, headless and kept off the network (see test-services.md)."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture(autouse=True)
def english_to_start_with():
    """Every test starts in English: a request to /ru/ leaves Russian active in the thread."""
    translation.activate("en")
    yield
    translation.activate("en")


def transactional(item):
    """The test empties the database when it ends (a live server, a real commit)."""
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Transactional tests after every other database test, whatever reordered them since
    pytest-django sorted them: their flush at the end empties the tables that migrations
    fill (countries, groups), which the ordinary tests after them read. (pytest groups tests
    by session-scoped parameters, such as Playwright's browser, after that sort.)"""
    items.sort(key=transactional)
