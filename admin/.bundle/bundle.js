(() => {
  AdminJS.UserComponents = {};
})();
