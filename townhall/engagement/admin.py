from django.contrib import admin

from townhall.engagement.models import (
    District,
    DistrictResident,
    PBProcess,
    Project,
    ProjectUpdate,
    Result,
    VoterRollEntry,
)


class DistrictInline(admin.TabularInline):
    model = District
    extra = 0


@admin.register(PBProcess)
class PBProcessAdmin(admin.ModelAdmin):
    # Phase changes go through the staff pages, which log them in the ledger.
    list_display = ["name", "slug", "phase", "vote_type", "rule"]
    readonly_fields = ["phase", "meta"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DistrictInline]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "district", "cost", "status", "implementation_status"]
    list_filter = ["status", "district__process"]
    search_fields = ["title", "pabulib_id"]
    raw_id_fields = ["author", "merged_into"]


@admin.register(ProjectUpdate)
class ProjectUpdateAdmin(admin.ModelAdmin):
    list_display = ["project", "status", "created_at"]
    raw_id_fields = ["project", "author"]


@admin.register(DistrictResident)
class DistrictResidentAdmin(admin.ModelAdmin):
    list_display = ["user", "district", "verified_at"]
    raw_id_fields = ["user"]
    list_filter = ["district__process"]


class ReadOnlyAdmin(admin.ModelAdmin):
    # The roll and the results change only through the services (one
    # transaction with the ballot, or with the ledger entry).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VoterRollEntry)
class VoterRollEntryAdmin(ReadOnlyAdmin):
    list_display = ["user", "district", "voted_at"]
    list_filter = ["process"]


@admin.register(Result)
class ResultAdmin(ReadOnlyAdmin):
    list_display = ["district", "rule", "ballot_count", "computed_at", "ledger_index"]
    exclude = ["published_pb"]


# Ballots and paper ballots are deliberately not in the admin: nobody should
# browse individual ballots, even anonymous ones.
