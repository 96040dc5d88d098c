/* The newsletter box, answered in place: the form is posted with fetch and the box is
   replaced by the server's answer (thanks, or the form with its errors and what was
   typed). Without this script, the same form posts normally and a page answers. */
(function () {
    "use strict";

    function enhance(box) {
        var form = box.querySelector("[data-newsletter-form]");
        if (!form) {
            return;
        }
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            var button = form.querySelector("[type=submit]");
            button.disabled = true;
            box.setAttribute("aria-busy", "true");
            fetch(form.action, {
                method: "POST",
                body: new FormData(form),
                headers: { "X-Requested-With": "fetch" },
                credentials: "same-origin"
            })
                .then(function (response) {
                    if (!response.headers.has("X-Newsletter-Box")) {
                        throw new Error("Unexpected answer");
                    }
                    return response.text();
                })
                .then(function (html) {
                    var template = document.createElement("template");
                    template.innerHTML = html.trim();
                    var answer = template.content.firstElementChild;
                    box.replaceWith(answer);
                    enhance(answer);
                    var focus = answer.querySelector("[data-newsletter-focus]");
                    if (focus) {
                        focus.focus();
                    }
                })
                .catch(function () {
                    // Network trouble or an unexpected answer: post the form the plain way.
                    form.submit();
                });
        });
    }

    document.querySelectorAll("[data-newsletter-box]").forEach(enhance);
})();
