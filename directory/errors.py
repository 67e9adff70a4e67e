"""The base of the errors a service refuses with; its message is shown to the
person as it is."""


class ServiceError(Exception):
    """An action refused for a reason the person asking should read."""
