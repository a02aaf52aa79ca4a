// The languages MADLAD-400 translates (`madlad400_7B`, the TextSynth cloud's translation engine).
//
// Where this comes from: the MADLAD-400 MT models (google/madlad400-7b-mt on Hugging Face; paper "MADLAD-400: A
// Multilingual And Document-Level Large Audited Dataset", arXiv:2309.04662) pick the output language with a
// `<2xx>` token at the start of the input. These are the language codes among those tokens in the models'
// SentencePiece vocabulary: 419, the count the model card gives. Left out: script tokens (<2Latn>, <2Cyrl>),
// region tokens (<2RU>), task tokens (<2translate>, <2transliterate>, <2back_translated>) and script- or
// region-qualified variants (<2zh_Hant>, <2kaa_Latn>, <2fr_CA>), which `Languages.engineKnows` accepts by their
// language part. Codes are ISO 639-1 where one exists, ISO 639-3 otherwise, as the model uses them.

extension Languages {
    public static let madlad400Codes: [String] = """
        abt ace acf ada adh ady af agr ahk ak akb alt alz am amu an ang ann ape ar arn ary arz as av awa ay az ba ban
        bar bas bbc bci be ber bew bg bgp bho bi bik bim bjn bm bn bo bqc br bru brx bs bts btx bua bug bum bus bzj ca
        cab cac cak cbk cce ce ceb cfm ch chk chm chr ckb cnh co crh crs cs ctu cuk cv cy da de din dje djk dln doi dov
        dtp dv dwr dyu dz ee el emp en enq eo es et eu fa ff ffm fi fil fip fj fo fon fr frp fur fuv fy ga gag gbm gd gl
        gn gof gom gor grc gsw gu gub guc guh gui gv gvl gym ha haw he hi hif hil hmn hne ho hr ht hu hui hus hvn hy iba
        ibb id ify ig ilo inb io is iso it iu ium izz ja jac jam jiv jv jvn ka kaa kac kbd kbp kek kg kha kj kjg kjh kk
        kl km kmb kn knj ko koi kos kr krc kri ks ksd ksw ktu ku kum kv kw kwi ky la laj lb lg lhu li lij lmo ln lo lrc
        lt ltg lu lus lv mad mag mai mak mam mas maz mbt mdf meo meu mfe mg mgh mh mi min miq mk mkn ml mn mni mps mqy
        mr mrj mrw ms msb msi msm mt mwl my myv nds ne new ngu nhe nia nij niq nl nn nnb no noa nog nr nso nus nut nv ny
        nyu nzi oc oj om or os otq pa pag pap pau pck pis pl pon ppk prs ps pt qu qub quc quf quh qup quy qvc qvi qvz
        qxr raj rcf rki rm rmc rn ro rom ru rw rwo sa sah sc scn sd sda se seh sg sh shn shp si sja sk skr sl sm smt sn
        so spp sq sr srm srn ss st stq su sus suz sv sw sxn syr szl ta tab taj taq tbz tca tcy tdx te teo tet tg th ti
        tiv tk tks tlh tll tn to toj tr trp ts tsc tsg tt tuc tvl twu tyv tyz tzh tzj tzm tzo ubu udm ug uk ur uz ve vec
        vi wa wal war wo wuu xal xh yap yi yo yua zap zh zne zu zza
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// MADLAD-400's languages, named where we know the name (the code stands in otherwise).
    public static let madlad400: [Language] = languages(codes: madlad400Codes)
}
