AdminJS.UserComponents = {};
