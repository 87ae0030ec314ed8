from django.urls import path
from django.utils.translation import gettext_lazy as _

from assessment import plan_views, views

urlpatterns = [
    path(_("self-check/"), views.CheckView.as_view(), name="self_check"),
    path(_("self-check/loved-one/"), views.LovedOneCheckView.as_view(), name="self_check_loved_one"),
    path(_("self-check/plan/"), plan_views.PlanView.as_view(), name="next_steps_plan"),
    path(_("self-check/plan/calendar/"), plan_views.CalendarView.as_view(), name="plan_calendar"),
    path(_("family/conversation-plan/"), plan_views.ConversationPlanView.as_view(), name="conversation_plan"),
    path(_("get-help/"), views.GetHelpView.as_view(), name="get_help"),
]
