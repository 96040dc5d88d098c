// "Copy link" on articles: without JavaScript, readers copy the address from its field.
document.querySelectorAll("[data-copy-from]").forEach((button) => {
    if (!navigator.clipboard) {
        return;
    }
    const field = document.getElementById(button.dataset.copyFrom);
    const status = button.closest(".share__copy").querySelector("[role=status]");
    button.hidden = false;
    button.addEventListener("click", () => {
        navigator.clipboard.writeText(field.value).then(() => {
            status.textContent = button.dataset.copiedMessage;
        }, () => {
            field.select();
        });
    });
});
