// Search page: Pagefind's UI, loaded from the bundle next to this site wherever it is hosted.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) return;
  if (location.protocol === "file:") {
    box.textContent = "Tìm kiếm không hoạt động khi mở trang trực tiếp từ ổ đĩa (file://). " +
      "Hãy xem trang qua một máy chủ web, ví dụ: python -m http.server -d output";
    return;
  }
  if (typeof PagefindUI === "undefined") {
    box.textContent = "Không tải được bộ tìm kiếm.";
    return;
  }
  new PagefindUI({
    element: "#search",
    bundlePath: box.getAttribute("data-bundle"),
    showSubResults: false,
    showImages: false,
    resetStyles: false,
    translations: { placeholder: "Nhập từ khóa hoặc địa danh…" }
  });
})();
