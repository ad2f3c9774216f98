// The assistant's chat page, enhanced: a question (or a choice among the
// pages a clarifying question offers) is sent with fetch and its answer added
// to the conversation without reloading the page. The server draws the new
// items (the same templates as the plain page), so both look alike. Without
// JavaScript, or if anything here fails, the forms post as ordinary forms.
const chat = document.querySelector("[data-assistant-chat]");

const find = (name) => chat.querySelector(`[data-assistant-${name}]`);

// Screen readers read out what lands in the live region. Emptied first, then
// filled a moment later, so that the same words twice are still announced.
const announce = (text) => {
  const region = find("announcer");
  region.textContent = "";
  window.setTimeout(() => {
    region.textContent = text;
  }, 100);
};

const questionField = () => find("question");

const showErrors = (errors) => {
  find("errors").innerHTML = errors.summary;
  questionField().outerHTML = errors.field;
  // As GOV.UK's error summary does on a page load: take the reader to it.
  const summary = find("errors").querySelector(".govuk-error-summary");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
};

const showAnswer = (reply) => {
  find("errors").innerHTML = "";
  questionField().outerHTML = reply.field;
  const list = find("messages");
  // Only the newest answer keeps its choice buttons, as on the plain page.
  list.querySelectorAll("[data-assistant-choices]").forEach((form) => form.remove());
  list.querySelectorAll("#latest").forEach((item) => item.removeAttribute("id"));
  list.insertAdjacentHTML("beforeend", reply.html);
  find("conversation").hidden = false;
  find("after-first").hidden = false;
  const latest = list.querySelector("#latest");
  announce(latest ? latest.textContent.replace(/\s+/g, " ").trim() : reply.answer);
  latest?.scrollIntoView({ block: "nearest" });
  // Back to the (now empty) question box, ready for the next question.
  chat.querySelector("#id_question")?.focus();
};

const plainPost = (form, submitter) => {
  form.dataset.assistantPlain = "1";
  form.requestSubmit(submitter || undefined);
};

const send = async (form, submitter) => {
  const data = new FormData(form);
  if (submitter?.name) data.append(submitter.name, submitter.value);
  const buttons = chat.querySelectorAll("button");
  buttons.forEach((button) => {
    button.disabled = true;
  });
  find("messages").setAttribute("aria-busy", "true");
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": data.get("csrfmiddlewaretoken") },
    });
    const type = response.headers.get("Content-Type") || "";
    if (!type.startsWith("application/json") || (!response.ok && response.status !== 400)) {
      throw new Error(`unexpected reply ${response.status}`);
    }
    const reply = await response.json();
    if (reply.errors) showErrors(reply.errors);
    else showAnswer(reply);
  } catch {
    // Whatever went wrong (network, an expired session), the plain post works.
    buttons.forEach((button) => {
      button.disabled = false;
    });
    plainPost(form, submitter);
    return;
  }
  buttons.forEach((button) => {
    button.disabled = false;
  });
  find("messages").removeAttribute("aria-busy");
};

if (chat && window.fetch && window.FormData) {
  chat.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.matches("[data-assistant-form]") || form.dataset.assistantPlain) return;
    event.preventDefault();
    send(form, event.submitter);
  });
}
