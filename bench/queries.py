"""The fixed benchmark queries: rare and common words, phrases, resolutions, filters, deep pages.

Each case is what a person would type (``q``) plus the page's other parameters;
``text``, ``resolution_numbers``, ``country`` and ``year`` say the same for the
PostgreSQL baseline.
"""
from dataclasses import dataclass, field
from urllib.parse import urlencode


@dataclass
class Case:
    kind: str
    q: str = ""
    country: str = ""
    year: str = ""
    sort: str = ""
    page: int = 1
    text: str = ""
    resolution_numbers: list[int] = field(default_factory=list)

    def params(self):
        params = {"q": self.q}
        for name in ("country", "year", "sort"):
            if getattr(self, name):
                params[name] = getattr(self, name)
        if self.page > 1:
            params["page"] = self.page
        return params

    @property
    def querystring(self):
        return urlencode(self.params())


def _words(kind, queries, **extra):
    return [Case(kind, q=q, text=q, **extra) for q in queries]


RARE = ["Kiribati", "cholera", "desertification", "Rohingya", "Ebola", "landmines", "piracy",
        "Chernobyl", "apartheid", "Srebrenica"]
COMMON = ["security", "peace", "international", "development", "people", "council", "country",
          "government", "world", "united nations"]
PHRASES = ['"international community"', '"human rights"', '"peace and security"', '"climate change"',
           '"rule of law"', '"nuclear weapons"', '"sustainable development"', '"Secretary-General"']
SEVERAL = ["women peace security", "refugees humanitarian assistance", "terrorism financing",
           "nuclear disarmament treaty", "children armed conflict", "sanctions regime"]
RESOLUTIONS = [("1325", [1325]), ("resolution 2231 (2015)", [2231]), ("S/RES/1373 (2001)", [1373]),
               ("242", [242]), ("resolution 2254", [2254]), ("1701", [1701]), ("2334", [2334]),
               ("res. 1540", [1540]), ("sanctions resolution 1267", [1267])]

CASES = (
    _words("rare word", RARE)
    + _words("common word", COMMON)
    + _words("phrase", PHRASES)
    + _words("several words", SEVERAL)
    + [Case("resolution", q=q, resolution_numbers=numbers, text=q.split("resolution")[0].strip()
            if q.startswith("sanctions") else "") for q, numbers in RESOLUTIONS]
    + [
        Case("filter", q="security", text="security", country="USA"),
        Case("filter", q="peace", text="peace", year="2020"),
        Case("filter", q='"human rights"', text='"human rights"', country="FRA"),
        Case("filter", q="development", text="development", year="1995"),
        Case("filter", q="terrorism", text="terrorism", country="RUS", year="2001"),
        Case("filter", q="Ebola", text="Ebola", year="2014"),
        Case("deep page", q="security", text="security", page=50),
        Case("deep page", q="peace", text="peace", page=100),
        Case("deep page", q="international", text="international", page=200),
        Case("deep page", q="development", text="development", sort="newest", page=10),
        Case("sorted", q='"climate change"', text='"climate change"', sort="newest"),
        Case("sorted", q="sanctions", text="sanctions", sort="oldest"),
    ]
)
