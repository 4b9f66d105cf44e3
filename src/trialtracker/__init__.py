"""Trial Tracker: follow stem-cell therapy trials for multiple sclerosis."""

__version__ = "0.1.0"
APP_NAME = "Trial Tracker"
APP_ID = "io.github.trialtracker.TrialTracker"
