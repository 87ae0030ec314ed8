from django.urls import path

from assessment import views

urlpatterns = [
    path("self-check/", views.CheckView.as_view(), name="self_check"),
    path("self-check/loved-one/", views.LovedOneCheckView.as_view(), name="self_check_loved_one"),
    path("get-help/", views.GetHelpView.as_view(), name="get_help"),
]
