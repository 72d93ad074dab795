// Shows the upload's progress; without JavaScript the form posts as usual.
(function () {
  var form = document.getElementById("depot");
  if (!form || !window.XMLHttpRequest) return;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var bar = document.getElementById("progression");
    bar.hidden = false;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); bar.textContent = bar.value + " %"; }
    };
    xhr.onload = function () { document.open(); document.write(xhr.responseText); document.close(); };
    xhr.send(new FormData(form));
  });
})();
