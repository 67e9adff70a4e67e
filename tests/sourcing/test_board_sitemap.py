"""The board of open requests is a public listing page: search engines find
it in the sitemap, in both languages, like the other listing pages."""


def test_it_lists_the_board_in_both_languages_in_the_sitemap(client, reference):
    pages = client.get("/sitemap-pages.xml").text
    assert "<loc>http://testserver/permintaan/</loc>" in pages
    assert "<loc>http://testserver/en/permintaan/</loc>" in pages
    assert 'hreflang="en" href="http://testserver/en/permintaan/"' in pages
    assert 'hreflang="id" href="http://testserver/permintaan/"' in pages


def test_it_keeps_the_private_and_form_pages_out_of_the_sitemap(client, reference):
    pages = client.get("/sitemap-pages.xml").text
    assert "/permintaan/baru/" not in pages
    assert "/dasbor/" not in pages
