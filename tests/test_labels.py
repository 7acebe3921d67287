"""The memoised label helpers say what their plain definitions say."""

from perfxl.labels import norm, norm_labels, strip_indicator_number


def test_norm_labels_is_norm_of_each_label_for_tuples_and_lists():
    labels = ("项目 名称", "资金总额（万元）", "", "其中：财政拨款")
    assert norm_labels(labels) == tuple(norm(l) for l in labels)
    assert norm_labels(labels) == norm_labels(labels)  # memoised: same answer again
    assert norm_labels(list(labels)) == tuple(norm(l) for l in labels)


def test_strip_indicator_number_short_and_long_texts():
    assert strip_indicator_number(" 指标1：外出考察次数 ") == "外出考察次数"
    assert strip_indicator_number("（2）满意度") == "满意度"
    assert strip_indicator_number("1.5吨") == "1.5吨"
    assert strip_indicator_number("①" + "长" * 300) == "长" * 300  # past the memo's length bound
