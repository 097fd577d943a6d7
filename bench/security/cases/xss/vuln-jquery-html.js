/* eslint-disable */
$('#search-form').on('submit', () => {
  const q = new URLSearchParams(location.search).get('q');
  $('#title').html('Search: ' + q);
});
