<%= p('script') %>
