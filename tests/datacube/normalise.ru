# The normalisation algorithm of the RDF Data Cube recommendation (section 10.2), phases 1 and 2:
# the abbreviated forms made explicit, then component values attached to data sets and slices pushed down to observations.
INSERT { ?o rdf:type qb:Observation . } WHERE { [] qb:observation ?o . } ;
INSERT { ?o rdf:type qb:Observation . } WHERE { ?o qb:dataSet [] . } ;
INSERT { ?s rdf:type qb:Slice . } WHERE { [] qb:slice ?s . } ;
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:DimensionProperty . } WHERE { ?cs qb:dimension ?p . } ;
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:MeasureProperty . } WHERE { ?cs qb:measure ?p . } ;
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:AttributeProperty . } WHERE { ?cs qb:attribute ?p . } ;
INSERT { ?obs ?comp ?value } WHERE {
  ?spec qb:componentProperty ?comp ;
        qb:componentAttachment qb:DataSet .
  ?dataset qb:structure [qb:component ?spec] ;
           ?comp ?value .
  ?obs qb:dataSet ?dataset .
} ;
INSERT { ?obs ?comp ?value } WHERE {
  ?spec qb:componentProperty ?comp ;
        qb:componentAttachment qb:Slice .
  ?dataset qb:structure [qb:component ?spec] ;
           qb:slice ?slice .
  ?slice ?comp ?value ;
         qb:observation ?obs .
} ;
INSERT { ?obs ?comp ?value } WHERE {
  ?spec qb:componentProperty ?comp .
  ?comp a qb:DimensionProperty .
  ?dataset qb:structure [qb:component ?spec] ;
           qb:slice ?slice .
  ?slice ?comp ?value ;
         qb:observation ?obs .
}
