"""The content API's addresses: /api/v2/<endpoint>/, /api/v2/<endpoint>/<id>/ (docs/api.md)."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from api import views

router = WagtailAPIRouter("carnet_api")
# An object's `detail_url` is that of the first endpoint here that takes its model: an
# article's is under articles/, a home page's under pages/.
router.register_endpoint("articles", views.ArticlesEndpoint)
router.register_endpoint("article-indexes", views.ArticleIndexesEndpoint)
router.register_endpoint("topics", views.TopicsEndpoint)
router.register_endpoint("authors", views.AuthorsEndpoint)
router.register_endpoint("pages", views.PagesEndpoint)
router.register_endpoint("images", views.ImagesEndpoint)
router.register_endpoint("documents", views.DocumentsEndpoint)

urlpatterns = [path("v2/", router.urls)]
