from django.urls import path, re_path

from townhall.ledger import api, views

app_name = "ledger"
urlpatterns = [
    path("", views.index, name="index"),
    path("checkpoint", api.checkpoint, name="checkpoint"),
    path("key", api.key, name="key"),
    # Tile addresses are parsed by the view so that a malformed one gets a
    # 400 that says why, not the resolver's bare 404.
    re_path(r"^tile/entries/(?P<rest>.+)$", api.entry_bundle, name="entry-bundle"),
    re_path(r"^tile/(?P<level>[^/]+)/(?P<rest>.+)$", api.tile, name="tile"),
    path("entries/<str:index>", api.entry, name="entry"),
    path("proof/inclusion", api.inclusion_proof, name="inclusion-proof"),
    path("proof/consistency", api.consistency_proof, name="consistency-proof"),
    path("receipt/<str:index>", api.receipt, name="receipt"),
]
