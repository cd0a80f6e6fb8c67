"""Trade explorer views (being split by job; see trade.py)."""

from dashboard.views.explorer.trade import *  # noqa: F403
from dashboard.views.explorer.trade import CONVERSION_KEY  # noqa: F401
