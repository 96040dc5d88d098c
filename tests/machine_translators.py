"""A machine translator whose service cannot be reached: what DeepL is when the network fails."""

import requests
from wagtail_localize.machine_translators.base import BaseMachineTranslator


class UnreachableTranslator(BaseMachineTranslator):
    display_name = "Unreachable"

    def translate(self, source_locale, target_locale, strings):
        raise requests.ConnectionError("Name or service not known")

    def can_translate(self, source_locale, target_locale):
        return source_locale != target_locale
