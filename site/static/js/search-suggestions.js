/*
 * Search-as-you-type suggestions for the header's search box.
 *
 * Progressive enhancement: without this script the box is a plain form that submits to the
 * results page. With it, the input becomes an ARIA combobox (the WAI-ARIA "list autocomplete"
 * pattern) whose listbox shows the titles of matching pages, fetched as JSON from the URL in
 * the form's data-suggestions-url. Up/Down choose a suggestion, Enter opens it, Escape closes
 * the list; Enter with no suggestion chosen submits the form as usual.
 */
(function () {
    "use strict";

    var MIN_LENGTH = 2;
    var DELAY_MS = 150;

    function enhance(form) {
        var input = form.querySelector("input[name='q']");
        if (!input || !window.fetch) {
            return;
        }
        var listbox = document.createElement("ul");
        listbox.id = input.id + "-suggestions";
        listbox.className = "search-suggestions";
        listbox.setAttribute("role", "listbox");
        listbox.setAttribute("aria-label", form.dataset.suggestionsLabel);
        listbox.hidden = true;
        var status = document.createElement("p");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        form.appendChild(listbox);
        form.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-controls", listbox.id);
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("autocomplete", "off");

        var options = [];
        var active = -1;
        var timer = null;
        var controller = null;

        function close() {
            listbox.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function choose(index) {
            options.forEach(function (option, position) {
                option.setAttribute("aria-selected", position === index ? "true" : "false");
            });
            active = index;
            if (index < 0) {
                input.removeAttribute("aria-activedescendant");
                return;
            }
            input.setAttribute("aria-activedescendant", options[index].id);
            options[index].scrollIntoView({ block: "nearest" });
        }

        function announce(count) {
            var message = form.dataset.suggestionsMany;
            if (count === 0) {
                message = form.dataset.suggestionsNone;
            } else if (count === 1) {
                message = form.dataset.suggestionsOne;
            }
            status.textContent = message.replace("{count}", String(count));
        }

        function show(suggestions) {
            listbox.textContent = "";
            options = suggestions.map(function (suggestion, index) {
                var option = document.createElement("li");
                option.id = listbox.id + "-" + index;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.dataset.url = suggestion.url;
                option.textContent = suggestion.title;
                if (suggestion.kind === "correction") {
                    /* "Did you mean": the corrected search, not a page's title. */
                    option.className = "search-suggestions__correction";
                }
                listbox.appendChild(option);
                return option;
            });
            active = -1;
            announce(options.length);
            if (options.length === 0) {
                close();
                return;
            }
            listbox.hidden = false;
            input.setAttribute("aria-expanded", "true");
        }

        function fetchSuggestions(query) {
            if (controller) {
                controller.abort();
            }
            controller = new AbortController();
            var url = new URL(form.dataset.suggestionsUrl, window.location.href);
            url.searchParams.set("q", query);
            fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal })
                .then(function (response) {
                    return response.ok ? response.json() : { suggestions: [] };
                })
                .then(function (data) {
                    if (input.value.trim() === query) {
                        show(data.suggestions || []);
                    }
                })
                .catch(function () {
                    /* Aborted or offline: the form still works without suggestions. */
                });
        }

        function open(option) {
            window.location.assign(option.dataset.url);
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            var query = input.value.trim();
            if (query.length < MIN_LENGTH) {
                options = [];
                listbox.textContent = "";
                close();
                return;
            }
            timer = window.setTimeout(function () {
                fetchSuggestions(query);
            }, DELAY_MS);
        });

        input.addEventListener("keydown", function (event) {
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                if (options.length === 0) {
                    return;
                }
                event.preventDefault();
                if (listbox.hidden) {
                    listbox.hidden = false;
                    input.setAttribute("aria-expanded", "true");
                }
                var step = event.key === "ArrowDown" ? 1 : -1;
                choose((active + step + options.length) % options.length);
            } else if (event.key === "Enter" && !listbox.hidden && active >= 0) {
                event.preventDefault();
                open(options[active]);
            } else if (event.key === "Escape" && !listbox.hidden) {
                event.preventDefault();
                close();
            }
        });

        input.addEventListener("blur", close);
        // Keep the focus in the input while a suggestion is clicked, then follow it.
        listbox.addEventListener("mousedown", function (event) {
            event.preventDefault();
        });
        listbox.addEventListener("click", function (event) {
            var option = event.target.closest("[role='option']");
            if (option) {
                open(option);
            }
        });
    }

    document.querySelectorAll("form[data-suggestions-url]").forEach(enhance);
})();
