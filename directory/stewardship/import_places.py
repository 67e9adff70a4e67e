"""Where an imported row's business is: province, regency and sentra read
together, as lists write them ("Jatim", "Kab.Garut", "Jakarta Timur",
"Bandung" with the sentra Cibaduyut), each reading shown in the preview."""

import re

from django.utils.translation import gettext

from directory.places.models import Province, Regency, Sentra
from directory.stewardship.columns import ReferenceData, key, quoted
from directory.stewardship.spellings import place_key, regency_parts


class PlaceReading:
    """Part of BusinessResource: `self.reference` is the import's
    ReferenceData and `self.note(column, written, read_as)` records a
    reading for the preview."""

    reference: ReferenceData

    def note(self, column: str, written: str, read_as: str) -> None:
        raise NotImplementedError

    def clean_places(self, cleaned: dict, errors: dict) -> None:
        """Province, regency and sentra, by code or name; each may be left
        out when a narrower one names it (a sentra lies in one regency, a
        regency in one province), and a sentra settles a regency name that
        two places share ("Bandung": the city or the regency)."""
        province_text, regency_text, sentra_text = (cleaned.get(name, "") for name in ("province", "regency", "sentra"))
        sentra_options = self.sentra_options(sentra_text)
        province = self.find_province(province_text, errors) if province_text else None
        regency = self.find_regency(regency_text, province, sentra_options, errors) if regency_text else None
        sentra = None
        if sentra_text:
            options = sentra_options
            if regency and len(options) > 1:
                options = [item for item in options if item.regency_id == regency.code]
            if len(options) == 1:
                sentra = options[0]
            else:
                errors.setdefault("sentra", []).append(gettext("Unknown sentra “%(value)s”.") % {"value": sentra_text})
        if sentra and regency and sentra.regency_id != regency.code:
            errors.setdefault("sentra", []).append(gettext("This sentra is not in the chosen regency or city."))
        regency = regency or (sentra.regency if sentra else None)
        if regency and province and regency.province_id != province.code:
            errors.setdefault("regency", []).append(gettext("This regency or city is not in the chosen province."))
        province = province or (self.reference.provinces.get(regency.province_id) if regency else None)
        if not province and not errors.get("province") and not errors.get("regency"):
            errors.setdefault("province", []).append(gettext("Give the province or the regency or city."))
        cleaned.update(province=province, regency=regency, sentra=sentra)

    def sentra_options(self, text: str) -> list[Sentra]:
        if not text:
            return []
        found = self.reference.sentra_by_slug.get(key(text))
        if found:
            return [found]
        name = re.sub(r"^sentra\s+(?:ikm\s+)?(?:sepatu\s+|alas kaki\s+|kulit\s+)?", "", key(text))
        return self.reference.sentra_by_name.get(name, []) or self.reference.sentra_by_name.get(key(text), [])

    def find_province(self, text: str, errors: dict) -> Province | None:
        if text.isdigit():
            return self.reference.provinces.get(text.zfill(2)) or self._unknown_province(text, errors)
        province = self.reference.provinces_by_name.get(place_key(text))
        if province is None:
            return self._unknown_province(text, errors)
        if place_key(text) != place_key(province.name):
            self.note("province", text, province.name)
        return province

    def _unknown_province(self, text: str, errors: dict) -> None:
        errors.setdefault("province", []).append(
            gettext("Unknown province “%(value)s”. Use its two-digit code or its name.") % {"value": text}
        )

    def find_regency(
        self, text: str, province: Province | None, sentra_options: list[Sentra], errors: dict
    ) -> Regency | None:
        reference = self.reference
        if text.replace(".", "").isdigit():
            regency = reference.regencies_by_code.get(text.replace(".", ""))
            if regency is None:
                errors.setdefault("regency", []).append(
                    gettext("Unknown regency or city “%(value)s”. Use its four-digit code or its name.")
                    % {"value": text}
                )
            return regency
        candidates = list(dict.fromkeys(reference.regencies_by_name.get(regency_parts(text), [])))
        if province and len(candidates) > 1:
            candidates = [item for item in candidates if item.province_id == province.code] or candidates
        by_sentra = [item for item in candidates if item.code in {sentra.regency_id for sentra in sentra_options}]
        if len(candidates) > 1 and len(by_sentra) == 1:
            regency = by_sentra[0]
            sentra_name = next(sentra.name for sentra in sentra_options if sentra.regency_id == regency.code)
            self.note(
                "regency",
                text,
                gettext("%(regency)s (from the sentra %(sentra)s)") % {"regency": regency.name, "sentra": sentra_name},
            )
            return regency
        if len(candidates) == 1:
            regency = candidates[0]
            if key(text) != key(regency.name):
                self.note("regency", text, regency.name)
            return regency
        if candidates:
            errors.setdefault("regency", []).append(
                gettext("“%(value)s” could be %(options)s. Write the full name or the four-digit code.")
                % {"value": text, "options": quoted(f"{item.name} ({item.code})" for item in candidates)}
            )
        else:
            errors.setdefault("regency", []).append(
                gettext("Unknown regency or city “%(value)s”. Use its four-digit code or its name.") % {"value": text}
            )
        return None
