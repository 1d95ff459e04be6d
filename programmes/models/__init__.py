from programmes.models.contests import Contest, ContestEntry
from programmes.models.mentoring import Focus, MentoringPair, MentoringSession, PairGoal
from programmes.models.reports import ReportingPeriod, UnitReport
from programmes.models.support import SupportRecord
from programmes.models.trainings import Training, TrainingMaterial, TrainingRegistration

__all__ = [
    "Contest", "ContestEntry", "Focus", "MentoringPair", "MentoringSession", "PairGoal", "ReportingPeriod",
    "SupportRecord", "Training", "TrainingMaterial", "TrainingRegistration", "UnitReport",
]
