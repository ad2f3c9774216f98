// The knapsack ballot's running total, kept up to date as boxes are ticked.
// Without JavaScript the "Update total" button asks the server for the same
// sums; with it, that button is hidden and the total follows each tick.
const total = document.getElementById("pb-total");
const form = total && total.closest("form");
if (form) {
  const budget = Number(total.dataset.budget);
  const limited = total.dataset.limit === "1";
  const amount = document.getElementById("pb-total-amount");
  const left = document.getElementById("pb-total-left");
  const currency = total.dataset.currency;
  const format = (n) => n.toLocaleString(document.documentElement.lang || undefined);
  const boxes = form.querySelectorAll("input[type=checkbox][data-cost]");
  const update = () => {
    let sum = 0;
    boxes.forEach((box) => {
      if (box.checked) sum += Number(box.dataset.cost);
    });
    amount.textContent = `${format(sum)} ${currency}`;
    const over = limited && sum > budget;
    const text = over ? total.dataset.over : total.dataset.left;
    left.textContent = text.replace("AMOUNT", format(over ? sum - budget : budget - sum));
  };
  boxes.forEach((box) => box.addEventListener("change", update));
  form.querySelectorAll(".pb-update-total").forEach((button) => {
    button.remove();
  });
  update();
}
