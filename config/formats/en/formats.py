"""English dates as the magazine writes them: “10 February 2025”, not Django's “Feb. 10, 2025”.

Django's own formats serve every other language (`FORMAT_MODULE_PATH` in the settings).
"""

DATE_FORMAT = "j F Y"
