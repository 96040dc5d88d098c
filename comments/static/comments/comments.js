// Comment forms of cached article pages carry no ticket (see comments/tickets.py):
// ask the server for one when the page loads. Without it, the server asks the reader
// to confirm the comment on a page of its own; nothing typed is lost.
document.querySelectorAll("[data-comment-form]").forEach((form) => {
    const ticket = form.querySelector("input[name=ticket]");
    if (!ticket || ticket.value) {
        return;
    }
    fetch(form.dataset.ticketUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : null))
        .then((data) => {
            if (data && data.ticket) {
                ticket.value = data.ticket;
            }
        })
        .catch(() => {});
});
