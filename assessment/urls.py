from django.urls import path

from assessment import plan_views, views

urlpatterns = [
    path("self-check/", views.CheckView.as_view(), name="self_check"),
    path("self-check/loved-one/", views.LovedOneCheckView.as_view(), name="self_check_loved_one"),
    path("self-check/plan/", plan_views.PlanView.as_view(), name="next_steps_plan"),
    path("self-check/plan/calendar/", plan_views.CalendarView.as_view(), name="plan_calendar"),
    path("family/conversation-plan/", plan_views.ConversationPlanView.as_view(), name="conversation_plan"),
    path("get-help/", views.GetHelpView.as_view(), name="get_help"),
]
